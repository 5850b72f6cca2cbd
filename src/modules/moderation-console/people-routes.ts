import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { requireAuth, requirePermission } from "../../http/middleware/auth";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { countVerifiedUsers, listBans, listModerators, outboxState } from "./people-repo";
import {
  BansBody,
  BansQuery,
  ModeratorsBody,
  ModeratorsQuery,
  SITE_CHANNELS,
  SyncStatus,
  VerificationApplications,
  VerificationQuery,
  VerificationStats,
} from "./people-schemas";

/**
 * The console's people and plumbing pages: AdminBansPage (chat-api getAllBans), AdminModeratorsPage
 * (ModeratorManager), AdminVerificationQueuePage and AdminSyncPage, each answered from what exists here.
 */
export function createModerationPeopleRoutes(deps: Deps) {
  const admin = (permission: "roles:assign" | "users:manage" | "search:admin") =>
    [requireAuth(deps), requirePermission(permission)] as const;
  return (
    new Hono<AppEnv>()
      .get(
        "/moderation/bans",
        requireAuth(deps),
        requirePermission("bans:read"),
        validate("query", BansQuery),
        returns(BansBody),
        async (c) => {
          const { channelId, limit, offset } = c.req.valid("query");
          const { bans, total } = SITE_CHANNELS.has(channelId)
            ? await listBans(deps.db, { limit, offset })
            : { bans: [], total: 0 };
          return c.json({ bans, total, limit, offset } satisfies BansBody);
        },
      )
      .get(
        "/moderation/moderators",
        ...admin("roles:assign"),
        validate("query", ModeratorsQuery),
        returns(ModeratorsBody),
        async (c) => {
          const { channelId, limit, offset } = c.req.valid("query");
          const { data, total } = SITE_CHANNELS.has(channelId)
            ? await listModerators(deps.db, { limit, offset })
            : { data: [], total: 0 };
          return c.json({ success: true, data, meta: { total, limit, offset } } satisfies ModeratorsBody);
        },
      )
      // Nobody can apply for verification yet (there is no POST /verification/applications), so the queue is empty.
      .get(
        "/admin/verification/applications",
        ...admin("users:manage"),
        validate("query", VerificationQuery),
        returns(VerificationApplications),
        (c) => {
          const { status, limit, page } = c.req.valid("query");
          return c.json({
            success: true,
            data: [],
            meta: { count: 0, limit, page, status },
          } satisfies VerificationApplications);
        },
      )
      .get("/admin/verification/stats", ...admin("users:manage"), returns(VerificationStats), async (c) =>
        c.json({
          success: true,
          data: {
            total_pending: 0,
            total_approved: 0,
            total_rejected: 0,
            total_verified: await countVerifiedUsers(deps.db),
          },
        } satisfies VerificationStats),
      )
      // Clips are not pulled from Twitch on a schedule; what syncs is the outbox (search index, embeddings, notifications).
      .get("/admin/sync/status", ...admin("search:admin"), returns(SyncStatus), async (c) => {
        const topics = await outboxState(deps.db);
        const pending = topics.reduce((n, t) => n + t.pending, 0);
        const failed = topics.reduce((n, t) => n + t.failing, 0);
        // ISO times of one format sort as strings.
        const last =
          topics
            .flatMap((t) => (t.last_processed_at ? [t.last_processed_at] : []))
            .sort()
            .at(-1) ?? null;
        const status = failed > 0 ? "failed" : pending > 0 ? "running" : last ? "success" : null;
        return c.json({
          last_sync_time: last,
          last_sync_status: status,
          total_synced: topics.reduce((n, t) => n + t.processed_last_day, 0),
          failed_count: failed,
          is_syncing: pending > 0,
          pending_count: pending,
          topics,
        } satisfies SyncStatus);
      })
  );
}

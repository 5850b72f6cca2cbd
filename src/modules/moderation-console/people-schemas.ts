import { z } from "zod";
import { wireSchema } from "../../http/openapi/registry";
import { clampedInt, lenientEnum } from "../../http/query-params";
import { count, success, wireId, wireTime } from "../../http/wire-fields";

/** Bans and moderators are site-wide: there are no chat channels, so any other channel has none. */
export const SITE_CHANNELS = new Set([undefined, "", "site", "all"]);
const channelId = z.string().max(100).optional().meta({ description: "`site` (or `all`, or none): the site." });
const window = { limit: clampedInt(1, 100, 50), offset: clampedInt(0, 1_000_000, 0) };

export const BansQuery = z.object({ channelId, ...window });
export const BansBody = wireSchema(
  "ModerationBans",
  z.strictObject({
    bans: z.array(
      z.strictObject({
        id: wireId,
        community_id: z.literal("site"),
        banned_user_id: wireId,
        banned_username: z.string(),
        banned_by_user_id: wireId.nullable(),
        reason: z.string().nullable(),
        banned_at: wireTime,
        expires_at: wireTime.nullable(),
      }),
    ),
    total: count,
    limit: count,
    offset: count,
  }),
);
export type BansBody = z.infer<typeof BansBody>;

export const ModeratorsQuery = z.object({ channelId, ...window });
const ChannelModerator = z.strictObject({
  id: wireId.meta({ description: "The moderator's user id (the routes below take it)." }),
  user_id: wireId,
  channel_id: z.literal("site"),
  role: z.enum(["moderator", "admin"]),
  assigned_by: wireId.nullable(),
  assigned_at: wireTime,
  username: z.string(),
  display_name: z.string(),
  avatar_url: z.string().nullable(),
});
export const ModeratorsBody = wireSchema(
  "ModerationModerators",
  z.strictObject({
    success,
    data: z.array(ChannelModerator),
    meta: z.strictObject({ total: count, limit: count, offset: count }),
  }),
);
export type ModeratorsBody = z.infer<typeof ModeratorsBody>;

export const VerificationQuery = z.object({
  status: lenientEnum(["pending", "approved", "rejected"], "pending"),
  limit: clampedInt(1, 100, 50),
  page: clampedInt(1, 10_000, 1),
});
export const VerificationApplications = wireSchema(
  "VerificationApplications",
  z.strictObject({
    success,
    data: z.array(z.unknown()).max(0).meta({ description: "Always empty: there is no way to apply for verification." }),
    meta: z.strictObject({
      count,
      limit: count,
      page: count,
      status: z.enum(["pending", "approved", "rejected"]),
    }),
  }),
);
export type VerificationApplications = z.infer<typeof VerificationApplications>;
export const VerificationStats = wireSchema(
  "VerificationStats",
  z.strictObject({
    success,
    data: z.strictObject({
      total_pending: count,
      total_approved: count,
      total_rejected: count,
      total_verified: count.meta({ description: "Users whose is_verified flag is set." }),
    }),
  }),
);
export type VerificationStats = z.infer<typeof VerificationStats>;

/** AdminSyncPage's fields, answered from the outbox relay (search index, embeddings, notifications). */
export const SyncStatus = wireSchema(
  "SyncStatus",
  z.strictObject({
    last_sync_time: wireTime.nullable().meta({ description: "The last outbox row the relay handed on (24 h)." }),
    last_sync_status: z.enum(["success", "failed", "running"]).nullable(),
    total_synced: count.meta({ description: "Outbox rows handed on in the last 24 hours." }),
    failed_count: count.meta({ description: "Rows not yet handed on whose last attempt failed." }),
    is_syncing: z.boolean().meta({ description: "Rows are waiting for the relay." }),
    pending_count: count,
    topics: z.array(
      z.strictObject({
        topic: z.string(),
        pending: count,
        failing: count,
        processed_last_day: count,
        last_processed_at: wireTime.nullable(),
      }),
    ),
  }),
);
export type SyncStatus = z.infer<typeof SyncStatus>;

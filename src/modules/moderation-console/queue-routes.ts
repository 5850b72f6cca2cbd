import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth, requirePermission } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { responds, returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { reviewReport } from "../reports/service";
import { listQueue, queueStats } from "./queue-repo";
import {
  BulkBody,
  BulkResult,
  DecisionBody,
  ItemParam,
  QUEUE_STATUS,
  QueuePage,
  QueueQuery,
  QueueStatsBody,
  RejectBody,
} from "./schemas";

type Decision = "approve" | "reject" | "escalate";
const DECIDED = { approve: "approved", reject: "rejected", escalate: "escalated" } as const;

/**
 * AdminModerationQueuePage (frontend/src/lib/moderation-api.ts). Its items are reports; approving keeps the content
 * (the report is dismissed), rejecting records that it broke the rules (actioned) and escalating leaves it reviewed
 * for an admin. Removing the content itself stays with the clip and comment moderation routes.
 */
export function createModerationQueueRoutes(deps: Deps) {
  const moderator = [requireAuth(deps), requirePermission("reports:review")] as const;
  const decide = (id: string, reviewerId: string, decision: Decision, reason?: string) =>
    reviewReport(deps, {
      id,
      reviewerId,
      status: QUEUE_STATUS[DECIDED[decision]],
      action: DECIDED[decision],
      reason: reason || null,
      pendingOnly: true,
    });
  const single = (decision: "approve" | "reject") =>
    [
      ...moderator,
      rateLimit(deps, `POST /admin/moderation/:id/${decision}`),
      validate("param", ItemParam),
      validate("json", RejectBody),
      responds(404, 409),
      returns(DecisionBody),
    ] as const;
  return new Hono<AppEnv>()
    .get("/admin/moderation/queue", ...moderator, validate("query", QueueQuery), returns(QueuePage), async (c) => {
      const q = c.req.valid("query");
      const data = await listQueue(deps.db, q);
      return c.json({
        success: true,
        data,
        meta: { count: data.length, limit: q.limit, status: q.status },
      } satisfies QueuePage);
    })
    .get("/admin/moderation/queue/stats", ...moderator, returns(QueueStatsBody), async (c) =>
      c.json({ success: true, data: await queueStats(deps.db) } satisfies QueueStatsBody),
    )
    .post(
      "/admin/moderation/bulk",
      ...moderator,
      rateLimit(deps, "POST /admin/moderation/bulk"),
      validate("json", BulkBody),
      returns(BulkResult),
      async (c) => {
        const { item_ids, action, reason } = c.req.valid("json");
        const reviewerId = principalOf(c).userId;
        const failed: string[] = [];
        const ids = [...new Set(item_ids.map((i) => i.toLowerCase()))];
        for (const id of ids) {
          await decide(id, reviewerId, action, reason).catch((err) => {
            if (!(err instanceof AppError) || (err.code !== "NOT_FOUND" && err.code !== "CONFLICT")) throw err;
            failed.push(id);
          });
        }
        return c.json({
          success: true,
          processed: ids.length - failed.length,
          total: ids.length,
          failed,
        } satisfies BulkResult);
      },
    )
    .post("/admin/moderation/:id/approve", ...single("approve"), async (c) => {
      await decide(c.req.valid("param").id, principalOf(c).userId, "approve", c.req.valid("json").reason);
      return c.json({ success: true, message: "Content approved" } satisfies DecisionBody);
    })
    .post("/admin/moderation/:id/reject", ...single("reject"), async (c) => {
      await decide(c.req.valid("param").id, principalOf(c).userId, "reject", c.req.valid("json").reason);
      return c.json({ success: true, message: "Content rejected" } satisfies DecisionBody);
    });
}

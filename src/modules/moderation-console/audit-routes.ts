import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { requireAuth, requirePermission } from "../../http/middleware/auth";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { listAudit } from "../audit/repo";
import { AuditLogsBody, AuditLogsQuery } from "./schemas";

/**
 * AuditLogViewer (AdminAuditLogsPage): the audit log that /admin/audit-logs serves, in the viewer's shape. `action`
 * is a verb (`ban` finds `user.ban`); there are no chat channels, so `channel` is accepted and ignored.
 */
export function createModerationAuditRoutes(deps: Deps) {
  const auditLogs = new Hono<AppEnv>().get(
    "/",
    requireAuth(deps),
    requirePermission("audit:read"),
    validate("query", AuditLogsQuery),
    returns(AuditLogsBody),
    async (c) => {
      const q = c.req.valid("query");
      const { rows, total } = await listAudit(deps.db, {
        verb: q.action,
        actorId: q.actor,
        targetId: q.target,
        since: q.startDate,
        until: q.endDate,
        search: q.search,
        limit: q.limit,
        offset: q.offset,
      });
      const logs = rows.map((r) => ({
        id: r.id,
        action: r.action,
        entityType: r.target_type,
        actor: { id: r.actor_id ?? "", username: r.actor_username ?? "" },
        target: { id: r.target_id, username: r.target_username ?? "" },
        reason: r.reason ?? "",
        createdAt: r.created_at.toISOString(),
        metadata: r.metadata ?? {},
      }));
      return c.json({ logs, total, limit: q.limit, offset: q.offset } satisfies AuditLogsBody);
    },
  );
  return (
    new Hono<AppEnv>()
      .route("/moderation/audit-logs", auditLogs)
      // AuditLogViewer calls it with the prefix doubled (apiClient + '/api/v1/moderation/audit-logs').
      .route("/api/v1/moderation/audit-logs", auditLogs)
  );
}

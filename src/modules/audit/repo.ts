import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, users } from "../../db/schema";

export interface AuditEntry {
  actorId: string | null;
  /** Dotted verb, e.g. `user.ban`, `user.role_change`, `submission.approve`. */
  action: string;
  targetType: string;
  targetId: string;
  reason?: string | null;
  metadata?: Record<string, unknown>;
}

/** Call inside the transaction that makes the change, so the trail never misses or invents an action. */
export async function writeAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    reason: entry.reason ?? null,
    metadata: entry.metadata ?? null,
  });
}

export interface AuditFilters {
  action?: string;
  actorId?: string;
  targetId?: string;
  page: number;
  limit: number;
}

export async function listAudit(db: Db, filters: AuditFilters) {
  const conditions: SQL[] = [];
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.actorId) conditions.push(eq(auditLog.actorId, filters.actorId));
  if (filters.targetId) conditions.push(eq(auditLog.targetId, filters.targetId));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        actor_id: auditLog.actorId,
        actor_username: users.username,
        action: auditLog.action,
        target_type: auditLog.targetType,
        target_id: auditLog.targetId,
        reason: auditLog.reason,
        metadata: auditLog.metadata,
        created_at: auditLog.createdAt,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(filters.limit)
      .offset((filters.page - 1) * filters.limit),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

import { and, count, desc, eq, gte, ilike, like, lte, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import { escapeLike } from "../../db/like";
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
  /** An action's verb: `ban` matches `ban` and every `<type>.ban`. */
  verb?: string;
  actorId?: string;
  targetId?: string;
  since?: Date;
  until?: Date;
  /** Words in the reason, case-insensitive. */
  search?: string;
  limit: number;
  offset: number;
}

const targetUser = alias(users, "target_user");

export async function listAudit(db: Db, filters: AuditFilters) {
  const conditions: SQL[] = [];
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.verb) {
    conditions.push(or(eq(auditLog.action, filters.verb), like(auditLog.action, `%.${escapeLike(filters.verb)}`))!);
  }
  if (filters.actorId) conditions.push(eq(auditLog.actorId, filters.actorId));
  if (filters.targetId) conditions.push(eq(auditLog.targetId, filters.targetId));
  if (filters.since) conditions.push(gte(auditLog.createdAt, filters.since));
  if (filters.until) conditions.push(lte(auditLog.createdAt, filters.until));
  if (filters.search) conditions.push(ilike(auditLog.reason, `%${escapeLike(filters.search)}%`));
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
        target_username: targetUser.username,
        reason: auditLog.reason,
        metadata: auditLog.metadata,
        created_at: auditLog.createdAt,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .leftJoin(targetUser, and(eq(auditLog.targetType, "user"), eq(sql`${targetUser.id}::text`, auditLog.targetId)))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(filters.limit)
      .offset(filters.offset),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

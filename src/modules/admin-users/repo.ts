import { and, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { escapeLike } from "../../db/like";
import { type UserRole, users } from "../../db/schema";
import { writeAudit } from "../audit/repo";
import { revokeUserRefreshTokens } from "../auth/refresh-tokens";
import { writeOutbox } from "../outbox/repo";
import type { UserRow } from "../users/wire";

export async function listUsers(
  db: Db,
  filters: { q?: string; role?: UserRole; banned?: boolean; page: number; limit: number },
) {
  const conditions: SQL[] = [];
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern))!);
  }
  if (filters.role) conditions.push(eq(users.role, filters.role));
  if (filters.banned !== undefined) conditions.push(eq(users.isBanned, filters.banned));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(filters.limit)
      .offset((filters.page - 1) * filters.limit),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

interface AdminAction {
  actorId: string;
  userId: string;
  reason?: string | null;
}

/** Each admin change, its search outbox row and its audit entry commit together; undefined when the user is missing. */
async function changeUser(
  db: Db,
  action: AdminAction & { audit: string; metadata?: Record<string, unknown> },
  set: Partial<typeof users.$inferInsert>,
  extra?: (tx: Db) => Promise<void>,
): Promise<UserRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(users).set(set).where(eq(users.id, action.userId)).returning();
    if (!row) return undefined;
    await extra?.(tx);
    await writeOutbox(tx, { aggregateType: "user", aggregateId: row.id });
    await writeAudit(tx, {
      actorId: action.actorId,
      action: action.audit,
      targetType: "user",
      targetId: row.id,
      reason: action.reason,
      metadata: action.metadata,
    });
    return row;
  });
}

export async function assignRole(db: Db, action: AdminAction & { role: UserRole; previous: UserRole }) {
  const metadata = { from: action.previous, to: action.role };
  return changeUser(db, { ...action, audit: "user.role_change", metadata }, { role: action.role });
}

/** A ban also revokes every refresh token, so no session outlives its access token (15 min). */
export async function banUser(db: Db, action: AdminAction) {
  return changeUser(db, { ...action, audit: "user.ban" }, { isBanned: true, banReason: action.reason ?? null }, (tx) =>
    revokeUserRefreshTokens(tx, action.userId),
  );
}

export async function unbanUser(db: Db, action: AdminAction) {
  return changeUser(db, { ...action, audit: "user.unban" }, { isBanned: false, banReason: null, bannedUntil: null });
}

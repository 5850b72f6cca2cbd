import { and, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { escapeLike } from "../../db/like";
import { mutate, type Writer } from "../../db/mutation";
import { type UserRole, users } from "../../db/schema";
import { scopes } from "../../platform/cache/scopes";
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

/**
 * Each admin change, its search outbox row and its audit entry commit together; undefined when the user is missing.
 * The user's scope is invalidated after the commit, so a cached principal (role, ban) is read again on their next request.
 */
async function changeUser(
  deps: Writer,
  action: AdminAction & { audit: string; metadata?: Record<string, unknown> },
  set: Partial<typeof users.$inferInsert>,
  extra?: (tx: Db) => Promise<void>,
): Promise<UserRow | undefined> {
  return mutate(deps, async (tx) => {
    const [row] = await tx.update(users).set(set).where(eq(users.id, action.userId)).returning();
    if (!row) return { result: undefined, invalidates: [] };
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
    return { result: row, invalidates: [scopes.user(row.id)] };
  });
}

export async function assignRole(deps: Writer, action: AdminAction & { role: UserRole; previous: UserRole }) {
  const metadata = { from: action.previous, to: action.role };
  return changeUser(deps, { ...action, audit: "user.role_change", metadata }, { role: action.role });
}

/** A ban also revokes every refresh token, so no session outlives its access token (15 min). */
export async function banUser(deps: Writer, action: AdminAction) {
  return changeUser(
    deps,
    { ...action, audit: "user.ban" },
    { isBanned: true, banReason: action.reason ?? null },
    (tx) => revokeUserRefreshTokens(tx, action.userId),
  );
}

export async function unbanUser(deps: Writer, action: AdminAction) {
  return changeUser(deps, { ...action, audit: "user.unban" }, { isBanned: false, banReason: null, bannedUntil: null });
}

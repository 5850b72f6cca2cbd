import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { refreshTokens, type UserRole, users } from "../../db/schema";
import type { Cache } from "../../platform/cache/cache";
import { keepSuccessor, type RotatedToken, recallSuccessor } from "./refresh-successor";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new 256-bit opaque token; only its SHA-256 is stored. A new login starts a new family. */
export async function createRefreshToken(db: Db, userId: string, ttlSeconds: number, familyId: string = randomUUID()) {
  const token = randomBytes(32).toString("base64url");
  const [row] = await db
    .insert(refreshTokens)
    .values({ userId, tokenHash: hashToken(token), familyId, expiresAt: new Date(Date.now() + ttlSeconds * 1000) })
    .returning({ id: refreshTokens.id });
  return { token, id: row!.id };
}

export type Rotation =
  | { ok: true; user: { id: string; role: UserRole }; refreshToken: string }
  | { ok: false; reason: "unknown" | "reused" | "banned" };

export interface RotationPolicy {
  ttlSeconds: number;
  /** How long a rotated token still returns its successor (Auth0's "reuse interval"); 0 turns it off. */
  reuseIntervalSeconds: number;
  /** Where that successor waits, encrypted, for the interval. */
  cache: Cache;
}

const live = () => and(isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, new Date()));

async function activeUser(db: Db, userId: string) {
  const [user] = await db
    .select({ id: users.id, role: users.role, isBanned: users.isBanned })
    .from(users)
    .where(eq(users.id, userId));
  return user && !user.isBanned ? { id: user.id, role: user.role } : undefined;
}

/**
 * Revokes the presented token and issues its successor in the same family. The conditional UPDATE lets exactly one
 * of several concurrent uses win; the others get the winner's successor if they come within the reuse interval, and
 * any later use of a revoked token is treated as stolen: its family is revoked.
 */
export async function rotateRefreshToken(tx: Db, token: string, policy: RotationPolicy): Promise<Rotation> {
  const rotated = { token, tokenHash: hashToken(token) };
  const [current] = await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.tokenHash, rotated.tokenHash), live()))
    .returning({ id: refreshTokens.id, userId: refreshTokens.userId, familyId: refreshTokens.familyId });
  if (!current) return reuseOrRevoke(tx, rotated, policy);
  const user = await activeUser(tx, current.userId);
  if (!user) return { ok: false, reason: "banned" };
  const next = await createRefreshToken(tx, user.id, policy.ttlSeconds, current.familyId);
  await tx.update(refreshTokens).set({ replacedById: next.id }).where(eq(refreshTokens.id, current.id));
  // Kept before the commit: a concurrent use of this token waits on the row lock above, then finds it.
  await keepSuccessor(policy.cache, rotated, next.token, policy.reuseIntervalSeconds);
  return { ok: true, user, refreshToken: next.token };
}

async function reuseOrRevoke(tx: Db, rotated: RotatedToken, policy: RotationPolicy): Promise<Rotation> {
  const [known] = await tx
    .select({
      userId: refreshTokens.userId,
      familyId: refreshTokens.familyId,
      revokedAt: refreshTokens.revokedAt,
      replacedById: refreshTokens.replacedById,
    })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, rotated.tokenHash));
  if (!known?.revokedAt) return { ok: false, reason: "unknown" };
  const withinInterval = Date.now() - known.revokedAt.getTime() <= policy.reuseIntervalSeconds * 1000;
  if (known.replacedById && withinInterval) {
    const successor = await recallSuccessor(policy.cache, rotated);
    // Only while the successor is still the family's live head: not after a logout or a further rotation.
    const [head] = successor
      ? await tx
          .select({ id: refreshTokens.id })
          .from(refreshTokens)
          .where(
            and(eq(refreshTokens.id, known.replacedById), eq(refreshTokens.tokenHash, hashToken(successor)), live()),
          )
      : [];
    const user = head && (await activeUser(tx, known.userId));
    if (head && !user) return { ok: false, reason: "banned" };
    if (successor && user) return { ok: true, user, refreshToken: successor };
  }
  await revokeFamily(tx, known.familyId);
  return { ok: false, reason: "reused" };
}

/** Ends the sessions of a user beyond the `keep` most recently refreshed (each family has one live token). */
export async function revokeSessionsBeyond(db: Db, userId: string, keep: number) {
  const beyond = db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.userId, userId), live()))
    .orderBy(desc(refreshTokens.createdAt), desc(refreshTokens.id))
    .offset(keep);
  await db.update(refreshTokens).set({ revokedAt: new Date() }).where(inArray(refreshTokens.id, beyond));
}

async function revokeFamily(db: Db, familyId: string) {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/** Logout ends the whole session chain the token belongs to; other devices (other families) stay signed in. */
export async function revokeFamilyOfToken(db: Db, token: string) {
  const [row] = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashToken(token)));
  if (row) await revokeFamily(db, row.familyId);
}

export async function revokeUserRefreshTokens(db: Db, userId: string) {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

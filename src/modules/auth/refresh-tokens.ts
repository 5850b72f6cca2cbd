import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { refreshTokens, type UserRole, users } from "../../db/schema";

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

/**
 * Revokes the presented token and issues its successor in the same family. The conditional UPDATE lets exactly one
 * of several concurrent uses win; a token that was already revoked is treated as stolen and its family is revoked.
 */
export async function rotateRefreshToken(db: Db, token: string, ttlSeconds: number): Promise<Rotation> {
  const tokenHash = hashToken(token);
  return db.transaction(async (tx): Promise<Rotation> => {
    const [current] = await tx
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(refreshTokens.tokenHash, tokenHash),
          isNull(refreshTokens.revokedAt),
          gt(refreshTokens.expiresAt, new Date()),
        ),
      )
      .returning({ id: refreshTokens.id, userId: refreshTokens.userId, familyId: refreshTokens.familyId });
    if (!current) {
      const [known] = await tx
        .select({ familyId: refreshTokens.familyId, revokedAt: refreshTokens.revokedAt })
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, tokenHash));
      if (!known?.revokedAt) return { ok: false, reason: "unknown" };
      await revokeFamily(tx, known.familyId);
      return { ok: false, reason: "reused" };
    }
    const [user] = await tx
      .select({ id: users.id, role: users.role, isBanned: users.isBanned })
      .from(users)
      .where(eq(users.id, current.userId));
    if (!user || user.isBanned) return { ok: false, reason: "banned" };
    const next = await createRefreshToken(tx, user.id, ttlSeconds, current.familyId);
    await tx.update(refreshTokens).set({ replacedById: next.id }).where(eq(refreshTokens.id, current.id));
    return { ok: true, user: { id: user.id, role: user.role }, refreshToken: next.token };
  });
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

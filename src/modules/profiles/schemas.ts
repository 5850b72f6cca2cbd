import { eq } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../../core/errors";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { clampedInt } from "../../http/query-params";

/** A non-UUID id is a 400 here, so "me" or a typo never reaches Postgres as a uuid. */
export const UserIdParam = z.object({ id: z.uuid("id must be a UUID") });

export const pageQuery = (defaultLimit: number, maxPage = 10_000) =>
  z.object({ page: clampedInt(1, maxPage, 1), limit: clampedInt(1, 100, defaultLimit) });

export async function requireUser(db: Db, id: string) {
  const [user] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      avatarUrl: users.avatarUrl,
      karmaPoints: users.karmaPoints,
      role: users.role,
      isBanned: users.isBanned,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!user) throw new AppError("NOT_FOUND", "user not found");
  return user;
}

export type ProfileUser = Awaited<ReturnType<typeof requireUser>>;

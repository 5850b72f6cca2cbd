import { and, count, eq, sql } from "drizzle-orm";
import { AppError } from "../../core/errors";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { playlistBookmarks, playlistLikes, playlists, users } from "../../db/schema";
import { requirePlaylist } from "./repo";
import { type CreatePlaylist, MAX_PLAYLISTS_PER_USER, type UpdatePlaylist } from "./schemas";

const orNull = (v: string | null | undefined) => (v === undefined ? undefined : v || null);

/** Takes the owner's row lock first, so two creates at once cannot both pass the per-user limit. */
export async function insertPlaylist(tx: Db, viewer: Principal, input: CreatePlaylist): Promise<string> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, viewer.userId)).for("update");
  const [owned] = await tx.select({ n: count() }).from(playlists).where(eq(playlists.userId, viewer.userId));
  if ((owned?.n ?? 0) >= MAX_PLAYLISTS_PER_USER) {
    throw new AppError("CONFLICT", `You can have at most ${MAX_PLAYLISTS_PER_USER} playlists`);
  }
  const [row] = await tx
    .insert(playlists)
    .values({
      userId: viewer.userId,
      title: input.title,
      description: orNull(input.description),
      coverUrl: orNull(input.cover_url),
      visibility: input.visibility,
    })
    .returning({ id: playlists.id });
  return row!.id;
}

export async function patchPlaylist(tx: Db, viewer: Principal, id: string, input: UpdatePlaylist): Promise<void> {
  await requirePlaylist(tx, id, viewer, { edit: true, lock: true });
  await tx
    .update(playlists)
    .set({
      title: input.title,
      description: orNull(input.description),
      coverUrl: orNull(input.cover_url),
      visibility: input.visibility,
    })
    .where(eq(playlists.id, id));
}

export async function deletePlaylist(tx: Db, viewer: Principal, id: string): Promise<void> {
  await requirePlaylist(tx, id, viewer, { edit: true });
  await tx.delete(playlists).where(eq(playlists.id, id));
}

export type Reaction = "like" | "bookmark";
const TABLES = { like: playlistLikes, bookmark: playlistBookmarks };
const COUNTERS = { like: "likeCount", bookmark: "bookmarkCount" } as const;

/**
 * Idempotent, and the counter moves only with a row really inserted or deleted: concurrent likes of one user meet
 * on the primary key, so the count stays exact. Any playlist the viewer may read can be liked or bookmarked.
 */
export async function setReaction(tx: Db, viewer: Principal, id: string, kind: Reaction, on: boolean) {
  await requirePlaylist(tx, id, viewer);
  const table = TABLES[kind];
  const key = COUNTERS[kind];
  const counter = playlists[key];
  const mine = and(eq(table.playlistId, id), eq(table.userId, viewer.userId));
  const changed = on
    ? await tx.insert(table).values({ playlistId: id, userId: viewer.userId }).onConflictDoNothing().returning()
    : await tx.delete(table).where(mine).returning();
  const [row] =
    changed.length > 0
      ? await tx
          .update(playlists)
          // A like is not an edit: updated_at (the owner's list order) stays.
          .set({ [key]: sql`${counter} + ${on ? 1 : -1}`, updatedAt: sql`${playlists.updatedAt}` })
          .where(eq(playlists.id, id))
          .returning({ n: counter })
      : await tx.select({ n: counter }).from(playlists).where(eq(playlists.id, id));
  return row?.n ?? 0;
}

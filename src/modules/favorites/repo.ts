import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { AppError } from "../../core/errors";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { clips, favorites } from "../../db/schema";
import { findClip } from "../clips/repo";
import { clipVisibleTo, requireVisibleClip } from "../clips/visibility";
import { type ClipRow, clipColumns } from "../clips/wire";

/**
 * Idempotent: favorite_count moves only when a row was really inserted or deleted, so it stays exact. Only a clip
 * the user may see can be favourited; a favourite can always be taken back, even after the clip went away.
 */
export async function applyFavorite(tx: Db, viewer: Principal, clipId: string, favorited: boolean): Promise<void> {
  const userId = viewer.userId;
  if (favorited) await requireVisibleClip(tx, clipId, viewer);
  else if (!(await findClip(tx, clipId))) throw new AppError("CLIP_NOT_FOUND", "Clip not found");
  const changed = favorited
    ? await tx.insert(favorites).values({ userId, clipId }).onConflictDoNothing().returning({ id: favorites.clipId })
    : await tx
        .delete(favorites)
        .where(and(eq(favorites.userId, userId), eq(favorites.clipId, clipId)))
        .returning({ id: favorites.clipId });
  if (changed.length === 0) return;
  await tx
    .update(clips)
    .set({ favoriteCount: sql`${clips.favoriteCount} + ${favorited ? 1 : -1}` })
    .where(eq(clips.id, clipId));
}

export const FAVORITE_SORTS = ["newest", "top", "discussed"] as const;
export type FavoriteSort = (typeof FAVORITE_SORTS)[number];

const ORDER: Record<FavoriteSort, SQL[]> = {
  newest: [desc(favorites.createdAt), desc(clips.id)],
  top: [desc(clips.voteScore), desc(favorites.createdAt), desc(clips.id)],
  discussed: [desc(clips.commentCount), desc(favorites.createdAt), desc(clips.id)],
};

/** The viewer's own favourites, leaving out clips they may no longer see. */
export async function listFavorites(
  db: Db,
  input: { viewer: Principal; sort: FavoriteSort; limit: number; offset: number },
): Promise<{ rows: ClipRow[]; total: number }> {
  const where = and(eq(favorites.userId, input.viewer.userId), clipVisibleTo(input.viewer));
  const [rows, [count]] = await Promise.all([
    db
      .select(clipColumns)
      .from(favorites)
      .innerJoin(clips, eq(clips.id, favorites.clipId))
      .where(where)
      .orderBy(...ORDER[input.sort])
      .limit(input.limit)
      .offset(input.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(favorites)
      .innerJoin(clips, eq(clips.id, favorites.clipId))
      .where(where),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

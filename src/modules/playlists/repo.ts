import { and, asc, count, desc, eq, inArray, lte, type SQL, sql } from "drizzle-orm";
import { AppError } from "../../core/errors";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { clips, playlistBookmarks, playlistItems, playlistLikes, playlists, users } from "../../db/schema";
import { clipVisibleTo } from "../clips/visibility";
import { clipColumns } from "../clips/wire";

export type PlaylistRow = typeof playlists.$inferSelect;
export type PlaylistSummaryRow = Awaited<ReturnType<typeof selectSummaries>>[number];
export type PreviewRow = { playlistId: string; id: string; title: string; thumbnailUrl: string | null };

/** Private playlists are their owner's alone: to anyone else they do not exist. */
export const canRead = (p: PlaylistRow, viewer: Principal | undefined) =>
  p.visibility !== "private" || p.userId === viewer?.userId;

const notFound = () => new AppError("NOT_FOUND", "Playlist not found");

/** The playlist `viewer` may read (404 otherwise); `edit` also requires ownership (403 to other readers). */
export async function requirePlaylist(
  db: Db,
  id: string,
  viewer: Principal | undefined,
  access: { edit?: boolean; lock?: boolean } = {},
): Promise<PlaylistRow> {
  const query = db.select().from(playlists).where(eq(playlists.id, id));
  const [row] = access.lock ? await query.for("update") : await query;
  if (!row || !canRead(row, viewer)) throw notFound();
  if (access.edit && row.userId !== viewer?.userId) {
    throw new AppError("FORBIDDEN", "You don't have permission to edit this playlist");
  }
  return row;
}

const visibleItem = (viewer: Principal | undefined) =>
  sql`from playlist_items pi join clips c on c.id = pi.clip_id
      where pi.playlist_id = ${playlists.id} and ${clipVisibleTo(viewer, "c")}`;
const reacted = (table: typeof playlistLikes, viewer: Principal | undefined) =>
  viewer
    ? sql<boolean>`exists (select 1 from ${table} r where r.playlist_id = ${playlists.id} and r.user_id = ${viewer.userId}::uuid)`
    : sql<boolean>`false`;

function selectSummaries(db: Db, viewer: Principal | undefined, where: SQL | undefined) {
  return db
    .select({
      playlist: playlists,
      creator: { id: users.id, username: users.username, displayName: users.displayName, avatarUrl: users.avatarUrl },
      clipCount: sql<number>`(select count(*)::int ${visibleItem(viewer)})`,
      isLiked: reacted(playlistLikes, viewer),
      isBookmarked: reacted(playlistBookmarks, viewer),
    })
    .from(playlists)
    .innerJoin(users, eq(users.id, playlists.userId))
    .where(where);
}

export const PLAYLIST_LISTS = ["own", "public", "featured"] as const;
export type PlaylistList = (typeof PLAYLIST_LISTS)[number];

const isPublic = eq(playlists.visibility, "public");
const LISTS: Record<PlaylistList, (viewer: Principal | undefined) => { where: SQL | undefined; order: SQL[] }> = {
  own: (viewer) => ({
    where: viewer ? eq(playlists.userId, viewer.userId) : sql`false`,
    order: [desc(playlists.updatedAt), desc(playlists.id)],
  }),
  public: () => ({ where: isPublic, order: [desc(playlists.createdAt), desc(playlists.id)] }),
  // No editorial picks exist: the featured shelf is the most liked and bookmarked public playlists with a clip in them.
  featured: (viewer) => ({
    where: and(isPublic, sql`exists (select 1 ${visibleItem(viewer)})`),
    order: [desc(playlists.likeCount), desc(playlists.bookmarkCount), desc(playlists.createdAt), desc(playlists.id)],
  }),
};

export async function listPlaylists(
  db: Db,
  p: { list: PlaylistList; viewer: Principal | undefined; limit: number; offset: number },
) {
  const { where, order } = LISTS[p.list](p.viewer);
  const [rows, [total]] = await Promise.all([
    selectSummaries(db, p.viewer, where)
      .orderBy(...order)
      .limit(p.limit)
      .offset(p.offset),
    db.select({ n: count() }).from(playlists).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The summary of the playlist `viewer` may read (404 otherwise), in one query. */
export async function requireSummary(db: Db, id: string, viewer: Principal | undefined): Promise<PlaylistSummaryRow> {
  const [row] = await selectSummaries(db, viewer, eq(playlists.id, id));
  if (!row || !canRead(row.playlist, viewer)) throw notFound();
  return row;
}

/** The first four clips of each playlist that the viewer may see, for the cards' mosaic. */
export async function loadPreviews(db: Db, ids: string[], viewer: Principal | undefined): Promise<PreviewRow[]> {
  if (ids.length === 0) return [];
  const ranked = db
    .select({
      playlistId: playlistItems.playlistId,
      id: clips.id,
      title: clips.title,
      thumbnailUrl: clips.thumbnailUrl,
      rank: sql<number>`row_number() over (partition by ${playlistItems.playlistId} order by ${playlistItems.position}, ${playlistItems.addedAt})`.as(
        "rank",
      ),
    })
    .from(playlistItems)
    .innerJoin(clips, eq(clips.id, playlistItems.clipId))
    .where(and(inArray(playlistItems.playlistId, ids), clipVisibleTo(viewer)))
    .as("ranked");
  return db
    .select({ playlistId: ranked.playlistId, id: ranked.id, title: ranked.title, thumbnailUrl: ranked.thumbnailUrl })
    .from(ranked)
    .where(lte(ranked.rank, 4))
    .orderBy(ranked.playlistId, ranked.rank);
}

/** One page of the playlist's clips in order, leaving out those the viewer may not see. */
export async function listPlaylistClips(
  db: Db,
  id: string,
  viewer: Principal | undefined,
  limit: number,
  offset: number,
) {
  return db
    .select(clipColumns)
    .from(playlistItems)
    .innerJoin(clips, eq(clips.id, playlistItems.clipId))
    .where(and(eq(playlistItems.playlistId, id), clipVisibleTo(viewer)))
    .orderBy(asc(playlistItems.position), asc(playlistItems.addedAt))
    .limit(limit)
    .offset(offset);
}

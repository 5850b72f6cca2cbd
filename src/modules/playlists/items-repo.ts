import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { AppError } from "../../core/errors";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { clips, playlistItems, playlists } from "../../db/schema";
import { clipVisibleTo } from "../clips/visibility";
import { requirePlaylist } from "./repo";
import { MAX_PLAYLIST_CLIPS } from "./schemas";

// Every change to a playlist's clips locks its row first (requirePlaylist with `lock`), so positions never collide.
const touch = (tx: Db, id: string) => tx.update(playlists).set({ updatedAt: new Date() }).where(eq(playlists.id, id));

/** Appends the clips not already in it, in the order given; each must be a clip the owner may see. */
export async function addClips(tx: Db, viewer: Principal, id: string, clipIds: string[]): Promise<number> {
  await requirePlaylist(tx, id, viewer, { edit: true, lock: true });
  const visible = await tx
    .select({ id: clips.id })
    .from(clips)
    .where(and(inArray(clips.id, clipIds), clipVisibleTo(viewer)));
  if (visible.length < clipIds.length) throw new AppError("CLIP_NOT_FOUND", "Clip not found");
  const [stats] = await tx
    .select({ n: sql<number>`count(*)::int`, last: sql<number | null>`max(${playlistItems.position})` })
    .from(playlistItems)
    .where(eq(playlistItems.playlistId, id));
  const present = new Set(
    (
      await tx
        .select({ clipId: playlistItems.clipId })
        .from(playlistItems)
        .where(and(eq(playlistItems.playlistId, id), inArray(playlistItems.clipId, clipIds)))
    ).map((r) => r.clipId),
  );
  const fresh = clipIds.filter((c) => !present.has(c));
  if (fresh.length === 0) return 0;
  if ((stats?.n ?? 0) + fresh.length > MAX_PLAYLIST_CLIPS) {
    throw new AppError("CONFLICT", `A playlist holds at most ${MAX_PLAYLIST_CLIPS} clips`);
  }
  const start = (stats?.last ?? -1) + 1;
  await tx.insert(playlistItems).values(fresh.map((clipId, i) => ({ playlistId: id, clipId, position: start + i })));
  await touch(tx, id);
  return fresh.length;
}

export async function removeClip(tx: Db, viewer: Principal, id: string, clipId: string): Promise<void> {
  await requirePlaylist(tx, id, viewer, { edit: true, lock: true });
  const gone = await tx
    .delete(playlistItems)
    .where(and(eq(playlistItems.playlistId, id), eq(playlistItems.clipId, clipId)))
    .returning({ clipId: playlistItems.clipId });
  if (gone.length === 0) throw new AppError("NOT_FOUND", "Clip not found in playlist");
  await touch(tx, id);
}

/**
 * `clipIds` must be exactly the playlist's clips as its owner sees them, each once. Clips that left the listings
 * (removed or hidden) are not in the owner's view, so they keep their relative order after the others.
 */
export async function reorderClips(tx: Db, viewer: Principal, id: string, clipIds: string[]): Promise<void> {
  await requirePlaylist(tx, id, viewer, { edit: true, lock: true });
  const items = await tx
    .select({ clipId: playlistItems.clipId, visible: sql<boolean>`${clipVisibleTo(viewer)}` })
    .from(playlistItems)
    .innerJoin(clips, eq(clips.id, playlistItems.clipId))
    .where(eq(playlistItems.playlistId, id))
    .orderBy(asc(playlistItems.position), asc(playlistItems.addedAt));
  const shown = new Set(items.filter((i) => i.visible).map((i) => i.clipId));
  const given = new Set(clipIds);
  if (given.size !== clipIds.length || given.size !== shown.size || clipIds.some((c) => !shown.has(c))) {
    throw new AppError("VALIDATION_ERROR", "clip_ids must list every clip of the playlist exactly once");
  }
  const order = [...clipIds, ...items.filter((i) => !i.visible).map((i) => i.clipId)];
  if (order.length === 0) return;
  const values = sql.join(
    order.map((clipId, position) => sql`(${clipId}::uuid, ${position}::int)`),
    sql`, `,
  );
  await tx.execute(sql`update playlist_items i set position = v.position
    from (values ${values}) as v(clip_id, position) where i.playlist_id = ${id}::uuid and i.clip_id = v.clip_id`);
  await touch(tx, id);
}

import type { PlaylistSummaryRow, PreviewRow } from "./repo";
import type { Playlist } from "./schemas";

/** The wire Playlist of one summary row, with its mosaic clips picked out of `previews`. */
export function toWirePlaylist(row: PlaylistSummaryRow, previews: PreviewRow[] = []): Playlist {
  const { playlist: p, creator } = row;
  return {
    id: p.id,
    user_id: p.userId,
    title: p.title,
    description: p.description,
    cover_url: p.coverUrl,
    visibility: p.visibility,
    clip_count: row.clipCount,
    like_count: p.likeCount,
    bookmark_count: p.bookmarkCount,
    is_liked: row.isLiked,
    is_bookmarked: row.isBookmarked,
    creator: {
      id: creator.id,
      username: creator.username,
      display_name: creator.displayName,
      avatar_url: creator.avatarUrl,
    },
    preview_clips: previews
      .filter((c) => c.playlistId === p.id)
      .map((c) => ({ id: c.id, title: c.title, thumbnail_url: c.thumbnailUrl })),
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

import { getTableColumns } from "drizzle-orm";
import { clips } from "../../db/schema";

const { embedding: _embedding, searchVector: _searchVector, ...publicColumns } = getTableColumns(clips);
/** Every clip column except the heavy search ones: select this, never `clips` whole, for responses. */
export const clipColumns = publicColumns;

export type ClipRow = { [K in keyof typeof clipColumns]: (typeof clips.$inferSelect)[K] };

export interface UserSummary {
  id: string;
  username: string;
  display_name: string;
  avatar_url?: string | null;
  is_verified?: boolean;
}

export interface ViewerState {
  userVote?: 1 | -1;
  isFavorited: boolean;
}

/** Contract §3.1. `video_url`/`stream_source` are left out on purpose: they switch the SPA to its HLS player. */
export function toWireClip(row: ClipRow, extras: { submittedBy?: UserSummary | null; viewer?: ViewerState } = {}) {
  const ageHours = Math.max((Date.now() - row.createdAt.getTime()) / 3_600_000, 0);
  return {
    id: row.id,
    twitch_clip_id: row.twitchClipId,
    twitch_clip_url: row.twitchClipUrl,
    embed_url: row.embedUrl,
    title: row.title,
    creator_name: row.creatorName,
    creator_id: row.creatorId,
    broadcaster_name: row.broadcasterName,
    broadcaster_id: row.broadcasterId,
    game_id: row.gameId,
    game_name: row.gameName,
    language: row.language,
    thumbnail_url: row.thumbnailUrl,
    duration: row.duration,
    view_count: row.viewCount,
    created_at: row.createdAt.toISOString(),
    imported_at: row.importedAt.toISOString(),
    vote_score: row.voteScore,
    upvote_count: row.upvoteCount,
    downvote_count: row.downvoteCount,
    comment_count: row.commentCount,
    favorite_count: row.favoriteCount,
    is_featured: row.isFeatured,
    is_nsfw: row.isNsfw,
    is_removed: row.isRemoved,
    removed_reason: row.removedReason,
    is_hidden: row.isHidden,
    submitted_by_user_id: row.submittedByUserId,
    submitted_at: row.submittedAt?.toISOString() ?? null,
    submitted_by: extras.submittedBy ?? undefined,
    hot_score: row.hotScore - Date.now() / 1000 / 45_000,
    trending_score: row.trendingScore,
    engagement_count: row.viewCount + 2 * row.voteScore + 3 * row.commentCount + 2 * row.favoriteCount,
    age_hours: Math.round(ageHours * 100) / 100,
    user_vote: extras.viewer?.userVote,
    is_favorited: extras.viewer?.isFavorited ?? false,
  };
}

export type WireClip = ReturnType<typeof toWireClip>;

import { getTableColumns } from "drizzle-orm";
import { z } from "zod";
import { clips } from "../../db/schema";
import { wireSchema } from "../../http/openapi/registry";
import { count, wireId, wireTime } from "../../http/wire-fields";

const {
  embedding: _embedding,
  searchVector: _searchVector,
  searchTags: _searchTags,
  searchText: _searchText,
  ...publicColumns
} = getTableColumns(clips);
/** Every clip column except the heavy search ones: select this, never `clips` whole, for responses. */
export const clipColumns = publicColumns;

export type ClipRow = { [K in keyof typeof clipColumns]: (typeof clips.$inferSelect)[K] };

const text = z.string();
const optionalText = z.string().nullable();

export const UserSummary = wireSchema(
  "UserSummary",
  z.strictObject({
    id: wireId,
    username: text.meta({ examples: ["clipfan"] }),
    display_name: text.meta({ examples: ["ClipFan"] }),
    avatar_url: z.string().nullable().optional(),
    is_verified: z.boolean().optional(),
  }),
);

/** Contract §3.1. `video_url`/`stream_source` are left out on purpose: they switch the SPA to its HLS player. */
export const Clip = wireSchema(
  "Clip",
  z.strictObject({
    id: wireId,
    twitch_clip_id: text.meta({ examples: ["FunnyClipSlug"] }),
    twitch_clip_url: text.meta({ examples: ["https://clips.twitch.tv/FunnyClipSlug"] }),
    embed_url: text.meta({ examples: ["https://clips.twitch.tv/embed?clip=FunnyClipSlug"] }),
    title: text.meta({ examples: ["An unbelievable clutch"] }),
    creator_name: text.meta({ examples: ["clipper42"] }),
    creator_id: optionalText,
    broadcaster_name: text.meta({ examples: ["streamer"] }),
    broadcaster_id: optionalText.meta({ examples: ["12345678"] }),
    game_id: optionalText.meta({ examples: ["509658"] }),
    game_name: optionalText.meta({ examples: ["Just Chatting"] }),
    language: optionalText.meta({ examples: ["en"] }),
    thumbnail_url: optionalText,
    duration: z
      .number()
      .nullable()
      .meta({ examples: [27.5], description: "Seconds." }),
    view_count: count,
    created_at: wireTime.meta({ description: "When the clip was made on Twitch." }),
    imported_at: wireTime,
    vote_score: z.number().int(),
    upvote_count: count,
    downvote_count: count,
    comment_count: count,
    favorite_count: count,
    is_featured: z.boolean(),
    is_nsfw: z.boolean(),
    is_removed: z.boolean(),
    removed_reason: optionalText,
    is_hidden: z.boolean(),
    submitted_by_user_id: wireId.nullable(),
    submitted_at: wireTime.nullable(),
    submitted_by: UserSummary.optional(),
    hot_score: z.number(),
    trending_score: z.number(),
    engagement_count: z.number(),
    age_hours: z.number().min(0),
    user_vote: z
      .union([z.literal(1), z.literal(-1)])
      .optional()
      .meta({ description: "The viewer's vote; absent when none." }),
    is_favorited: z.boolean(),
  }),
);
export type Clip = z.infer<typeof Clip>;
export type UserSummary = z.infer<typeof UserSummary>;

export interface ViewerState {
  userVote?: 1 | -1;
  isFavorited: boolean;
}

/** Contract §3.1 (the Clip wire schema above). */
export function toWireClip(
  row: ClipRow,
  extras: { submittedBy?: UserSummary | null; viewer?: ViewerState } = {},
): Clip {
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

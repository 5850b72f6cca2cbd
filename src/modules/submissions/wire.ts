import type { clipSubmissions, UserRole } from "../../db/schema";
import type { TwitchClip } from "../../platform/twitch/schemas";
import { canonicalClipUrl } from "./clip-url";

export type SubmissionRow = typeof clipSubmissions.$inferSelect;

export interface ClipLookup {
  clip: TwitchClip;
  gameName: string | null;
}

export interface SubmitterSummary {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  karmaPoints: number;
  role: UserRole;
}

/** Contract §3.2 ClipSubmission. */
export function toWireSubmission(row: SubmissionRow) {
  return {
    id: row.id,
    user_id: row.userId,
    clip_id: row.clipId,
    twitch_clip_id: row.twitchClipId,
    twitch_clip_url: row.twitchClipUrl,
    title: row.title,
    custom_title: row.customTitle,
    broadcaster_name_override: row.broadcasterNameOverride,
    tags: row.tags,
    is_nsfw: row.isNsfw,
    submission_reason: row.submissionReason,
    status: row.status,
    rejection_reason: row.rejectionReason,
    reviewed_by: row.reviewedBy,
    reviewed_at: row.reviewedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    creator_name: row.creatorName,
    creator_id: row.creatorId,
    broadcaster_name: row.broadcasterName,
    broadcaster_id: row.broadcasterId,
    game_id: row.gameId,
    game_name: row.gameName,
    thumbnail_url: row.thumbnailUrl,
    duration: row.duration,
    view_count: row.viewCount,
  };
}

/** The moderator queue's row: the submission plus who sent it. */
export function toWireQueueItem(row: SubmissionRow, user: SubmitterSummary | null) {
  return {
    ...toWireSubmission(row),
    user: user
      ? {
          id: user.id,
          username: user.username,
          display_name: user.displayName,
          avatar_url: user.avatarUrl,
          karma_points: user.karmaPoints,
          role: user.role,
        }
      : undefined,
  };
}

/** Contract §3.2 ClipMetadata. */
export function toClipMetadata({ clip, gameName }: ClipLookup) {
  return {
    clip_id: clip.id,
    title: clip.title,
    streamer_name: clip.broadcaster_name,
    game_name: gameName ?? undefined,
    view_count: clip.view_count,
    created_at: clip.created_at,
    thumbnail_url: clip.thumbnail_url,
    duration: clip.duration,
    url: canonicalClipUrl(clip.id),
  };
}

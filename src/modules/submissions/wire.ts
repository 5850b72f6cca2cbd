import { z } from "zod";
import { type clipSubmissions, SUBMISSION_STATUSES, USER_ROLES, type UserRole } from "../../db/schema";
import { wireSchema } from "../../http/openapi/registry";
import { count, wireId, wireTime } from "../../http/wire-fields";
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

const text = z.string().nullable();
const twitchClipId = z.string().meta({ examples: ["FunnyClipSlug-abc123"] });

/** Contract §3.2 ClipSubmission. */
export const WireSubmission = wireSchema(
  "ClipSubmission",
  z.strictObject({
    id: wireId,
    user_id: wireId,
    clip_id: wireId.nullable().meta({ description: "The published clip, once approved." }),
    twitch_clip_id: twitchClipId,
    twitch_clip_url: z.string().meta({ examples: ["https://clips.twitch.tv/FunnyClipSlug-abc123"] }),
    title: text,
    custom_title: text,
    broadcaster_name_override: text,
    tags: z.array(z.string().meta({ examples: ["clutch"] })),
    is_nsfw: z.boolean(),
    submission_reason: text,
    status: z.enum(SUBMISSION_STATUSES),
    rejection_reason: text,
    reviewed_by: wireId.nullable(),
    reviewed_at: wireTime.nullable(),
    created_at: wireTime,
    updated_at: wireTime,
    creator_name: text,
    creator_id: text,
    broadcaster_name: text,
    broadcaster_id: text,
    game_id: text,
    game_name: text,
    thumbnail_url: text,
    duration: z.number().nullable(),
    view_count: count,
  }),
);
export type WireSubmission = z.infer<typeof WireSubmission>;

/** The moderator queue's row: the submission plus who sent it (absent once the account is gone). */
export const QueueItem = wireSchema(
  "SubmissionQueueItem",
  z.strictObject({
    ...WireSubmission.shape,
    user: z
      .strictObject({
        id: wireId,
        username: z.string().meta({ examples: ["clipfan"] }),
        display_name: z.string().meta({ examples: ["ClipFan"] }),
        avatar_url: text,
        karma_points: z.number().int(),
        role: z.enum(USER_ROLES),
      })
      .optional(),
  }),
);
export type QueueItem = z.infer<typeof QueueItem>;

/** Contract §3.2 ClipMetadata: what Twitch says about a clip URL before it is submitted. */
export const ClipMetadata = wireSchema(
  "ClipMetadata",
  z.strictObject({
    clip_id: twitchClipId,
    title: z.string().meta({ examples: ["Insane clutch"] }),
    streamer_name: z.string().meta({ examples: ["xQc"] }),
    game_name: z.string().optional(),
    view_count: count,
    created_at: z.string().meta({ examples: ["2026-03-19T12:00:00Z"] }),
    thumbnail_url: z.string(),
    duration: z.number().meta({ examples: [29.5] }),
    url: z.string().meta({ examples: ["https://clips.twitch.tv/FunnyClipSlug-abc123"] }),
  }),
);
export type ClipMetadata = z.infer<typeof ClipMetadata>;

export function toWireSubmission(row: SubmissionRow): WireSubmission {
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

export function toWireQueueItem(row: SubmissionRow, user: SubmitterSummary | null): QueueItem {
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

export function toClipMetadata({ clip, gameName }: ClipLookup): ClipMetadata {
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

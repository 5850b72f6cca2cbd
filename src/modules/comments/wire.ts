import { z } from "zod";
import { comments, users } from "../../db/schema";
import { wireSchema } from "../../http/openapi/registry";
import { count, wireId, wireTime } from "../../http/wire-fields";

/** A comment joined with its author: select this (from comments inner join users) for every response. */
export const commentColumns = {
  id: comments.id,
  clipId: comments.clipId,
  userId: comments.userId,
  parentCommentId: comments.parentCommentId,
  depth: comments.depth,
  content: comments.content,
  voteScore: comments.voteScore,
  replyCount: comments.replyCount,
  isEdited: comments.isEdited,
  isRemoved: comments.isRemoved,
  removedReason: comments.removedReason,
  createdAt: comments.createdAt,
  updatedAt: comments.updatedAt,
  authorUsername: users.username,
  authorDisplayName: users.displayName,
  authorAvatarUrl: users.avatarUrl,
  authorKarma: users.karmaPoints,
  authorRole: users.role,
};

export interface CommentRow {
  id: string;
  clipId: string;
  userId: string;
  parentCommentId: string | null;
  depth: number;
  content: string;
  voteScore: number;
  replyCount: number;
  isEdited: boolean;
  isRemoved: boolean;
  removedReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  authorUsername: string;
  authorDisplayName: string;
  authorAvatarUrl: string | null;
  authorKarma: number;
  authorRole: string;
}

const nullableText = z.string().nullable();

/** Contract §3.5: a comment with its author and, with `include_replies=true`, its replies nested. */
export const WireComment = wireSchema(
  "Comment",
  z.strictObject({
    id: wireId,
    clip_id: wireId,
    user_id: wireId,
    parent_comment_id: wireId.nullable(),
    content: z
      .string()
      .meta({ examples: ["That clutch was unreal"], description: "`[deleted]` / `[removed]` after a soft delete." }),
    vote_score: z.number().int(),
    reply_count: count,
    is_edited: z.boolean(),
    is_removed: z.boolean(),
    removed_reason: nullableText,
    created_at: wireTime,
    updated_at: wireTime,
    author_username: z.string().meta({ examples: ["clipfan"] }),
    author_display_name: z.string().meta({ examples: ["ClipFan"] }),
    author_avatar_url: nullableText,
    author_karma: z.number().int(),
    author_role: z.string().meta({ examples: ["user"] }),
    user_vote: z
      .union([z.literal(1), z.literal(-1)])
      .nullable()
      .meta({ description: "The viewer's vote; null when none." }),
    get replies(): z.ZodOptional<z.ZodArray<typeof WireComment>> {
      return z.array(WireComment).optional();
    },
  }),
);
export type WireComment = z.infer<typeof WireComment>;

/** Contract §3.5. `user_vote` is null when the viewer is anonymous or has not voted. */
export function toWireComment(row: CommentRow, userVote: 1 | -1 | null = null): WireComment {
  return {
    id: row.id,
    clip_id: row.clipId,
    user_id: row.userId,
    parent_comment_id: row.parentCommentId,
    content: row.content,
    vote_score: row.voteScore,
    reply_count: row.replyCount,
    is_edited: row.isEdited,
    is_removed: row.isRemoved,
    removed_reason: row.removedReason,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    author_username: row.authorUsername,
    author_display_name: row.authorDisplayName,
    author_avatar_url: row.authorAvatarUrl,
    author_karma: row.authorKarma,
    author_role: row.authorRole,
    user_vote: userVote,
  };
}

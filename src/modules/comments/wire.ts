import { comments, users } from "../../db/schema";

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

export interface WireComment {
  id: string;
  clip_id: string;
  user_id: string;
  parent_comment_id: string | null;
  content: string;
  vote_score: number;
  reply_count: number;
  is_edited: boolean;
  is_removed: boolean;
  removed_reason: string | null;
  created_at: string;
  updated_at: string;
  author_username: string;
  author_display_name: string;
  author_avatar_url: string | null;
  author_karma: number;
  author_role: string;
  user_vote: 1 | -1 | null;
  replies?: WireComment[];
}

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

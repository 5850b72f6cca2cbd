import type { SubmissionStatus, UserRole } from "../db/schema";
import type { KarmaSource } from "../modules/karma/ledger";

/** Rows as the seeder inserts them: snake_case column names, timestamps as ISO strings. */
export interface UserRow {
  id: string;
  twitch_id: string;
  username: string;
  display_name: string;
  email: string;
  avatar_url: string;
  bio: string | null;
  role: UserRole;
  is_verified: boolean;
  is_banned: boolean;
  ban_reason: string | null;
  karma_points: number;
  created_at: string;
  updated_at: string;
  last_login_at: string;
}

export interface GameRow {
  id: string;
  twitch_game_id: string;
  name: string;
  slug: string;
  box_art_url: string;
}

export interface TagRow {
  id: string;
  name: string;
  slug: string;
  description: string;
  color: string;
  usage_count: number;
}

export interface ClipRow {
  id: string;
  twitch_clip_id: string;
  twitch_clip_url: string;
  embed_url: string;
  title: string;
  creator_name: string;
  creator_id: string;
  broadcaster_name: string;
  broadcaster_id: string;
  game_id: string;
  game_name: string;
  language: string;
  thumbnail_url: string;
  duration: number;
  view_count: number;
  created_at: string;
  imported_at: string;
  vote_score: number;
  upvote_count: number;
  downvote_count: number;
  comment_count: number;
  favorite_count: number;
  is_featured: boolean;
  is_nsfw: boolean;
  is_removed: boolean;
  removed_reason: string | null;
  is_hidden: boolean;
  submitted_by_user_id: string | null;
  submitted_at: string | null;
  trending_score: number;
}

export type ClipTagRow = { clip_id: string; tag_id: string; added_by_user_id: string | null; created_at: string };
export type VoteRow = { user_id: string; clip_id: string; vote_type: 1 | -1; created_at: string; updated_at: string };
export type FavoriteRow = { user_id: string; clip_id: string; created_at: string };
export type CommentVoteRow = {
  user_id: string;
  comment_id: string;
  vote_type: 1 | -1;
  created_at: string;
  updated_at: string;
};

export interface CommentRow {
  id: string;
  clip_id: string;
  user_id: string;
  parent_comment_id: string | null;
  depth: number;
  content: string;
  vote_score: number;
  upvote_count: number;
  downvote_count: number;
  reply_count: number;
  created_at: string;
  updated_at: string;
}

export interface KarmaRow {
  id: string;
  user_id: string;
  amount: number;
  source: KarmaSource;
  source_id: string | null;
  created_at: string;
}

export interface SubmissionRow {
  id: string;
  user_id: string;
  twitch_clip_id: string;
  twitch_clip_url: string;
  title: string;
  tags: string[];
  is_nsfw: boolean;
  submission_reason: string | null;
  status: SubmissionStatus;
  rejection_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  clip_id: string | null;
  broadcaster_name: string;
  broadcaster_id: string;
  game_id: string;
  game_name: string;
  language: string;
  thumbnail_url: string;
  duration: number;
  view_count: number;
  clip_created_at: string;
  created_at: string;
  updated_at: string;
}

/** Everything generated for one slice of clips; inserted in one transaction. */
export interface ClipChunk {
  clips: ClipRow[];
  clipTags: ClipTagRow[];
  votes: VoteRow[];
  favorites: FavoriteRow[];
  comments: CommentRow[];
  commentVotes: CommentVoteRow[];
  karma: KarmaRow[];
  submissions: SubmissionRow[];
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

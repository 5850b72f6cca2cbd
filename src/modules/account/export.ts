import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { findPreferences } from "../notifications/preferences-repo";
import { toWireUser, type UserRow } from "../users/wire";
import type { AccountExport } from "./schemas";
import { findSettings, toWireSettings } from "./settings-repo";

/** Each section of the export: the user's own rows, oldest first, as the database holds them. */
const SECTIONS = (u: SQL) => ({
  submissions: sql`select id, twitch_clip_id, twitch_clip_url, title, custom_title, tags, is_nsfw, submission_reason,
    status, rejection_reason, clip_id, created_at, updated_at from clip_submissions where user_id = ${u} order by created_at`,
  clips_submitted: sql`select id, twitch_clip_id, title, vote_score, is_removed, submitted_at from clips
    where submitted_by_user_id = ${u} order by submitted_at`,
  comments: sql`select id, clip_id, parent_comment_id, content, vote_score, is_edited, is_removed, created_at, updated_at
    from comments where user_id = ${u} order by created_at`,
  votes: sql`select clip_id, vote_type, created_at from votes where user_id = ${u} order by created_at`,
  comment_votes: sql`select comment_id, vote_type, created_at from comment_votes where user_id = ${u} order by created_at`,
  favorites: sql`select clip_id, created_at from favorites where user_id = ${u} order by created_at`,
  following: sql`select f.following_id as user_id, u.username, f.created_at from user_follows f
    join users u on u.id = f.following_id where f.follower_id = ${u} order by f.created_at`,
  followers: sql`select f.follower_id as user_id, u.username, f.created_at from user_follows f
    join users u on u.id = f.follower_id where f.following_id = ${u} order by f.created_at`,
  broadcasters_followed: sql`select * from broadcaster_follows where user_id = ${u}`,
  games_followed: sql`select * from game_follows where user_id = ${u}`,
  karma_history: sql`select amount, source, source_id, created_at from karma_history where user_id = ${u}
    order by created_at`,
  watch_history: sql`select clip_id, progress_seconds, duration_seconds, watched_at from watch_history
    where user_id = ${u} order by watched_at`,
  watch_queue: sql`select clip_id, position, added_at, played_at from watch_queue where user_id = ${u} order by position`,
  notifications: sql`select type, title, message, link, is_read, created_at from notifications where user_id = ${u}
    order by created_at`,
  search_history: sql`select query, filters, created_at from search_queries where user_id = ${u} order by created_at`,
  reports: sql`select reportable_type, reportable_id, reason, description, status, created_at from reports
    where reporter_id = ${u} order by created_at`,
  playlists: sql`select p.id, p.title, p.description, p.visibility, p.created_at, p.updated_at,
    coalesce(array_agg(i.clip_id order by i.position) filter (where i.clip_id is not null), '{}') as clip_ids
    from playlists p left join playlist_items i on i.playlist_id = p.id where p.user_id = ${u}
    group by p.id order by p.created_at`,
});

/** Everything stored about and by the user, as one JSON document (the settings page's "export my data"). */
export async function exportAccount(db: Db, user: UserRow): Promise<AccountExport> {
  const u = sql`${user.id}::uuid`;
  const entries = await Promise.all(
    Object.entries(SECTIONS(u)).map(async ([name, query]) => [name, await queryRows(db, query)] as const),
  );
  return {
    exported_at: new Date().toISOString(),
    user: { ...toWireUser(user, { includeEmail: true }), social_links: user.socialLinks },
    settings: toWireSettings(await findSettings(db, user)),
    notification_preferences: await findPreferences(db, user),
    ...(Object.fromEntries(entries) as Record<keyof ReturnType<typeof SECTIONS>, Record<string, unknown>[]>),
  };
}

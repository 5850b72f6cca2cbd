import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { karmaIsPublic, profileIsPublic } from "../users/privacy";

export interface BoardUser {
  user_id: string;
  username: string;
  display_name: string;
  avatar_url: string | null;
  karma_points: number | null;
}

export interface EngagementRow extends BoardUser {
  score: number;
  total_comments: number;
  total_votes_cast: number;
  total_clips_submitted: number;
  days_active: number;
  last_active_at: Date | string | null;
}

// Karma a user hid is null here (and so is the rank name derived from it).
const userColumns = sql`u.id as user_id, u.username, u.display_name, u.avatar_url,
  case when ${karmaIsPublic(sql`u.id`)} then u.karma_points end as karma_points`;

/** The boards list public profiles only; the karma board leaves out those who hide their karma too. */
export function karmaBoard(db: Db, page: { limit: number; offset: number }) {
  return queryRows<BoardUser & { score: number }>(
    db,
    sql`select ${userColumns}, u.karma_points as score from users u
        where not u.is_banned and ${karmaIsPublic(sql`u.id`)}
        order by u.karma_points desc, u.id limit ${page.limit} offset ${page.offset}`,
  );
}

/**
 * There is no user_stats table: totals are aggregated from the activity tables on read, and days_active counts the
 * distinct UTC days with a comment, a vote or a submission. One user (`userId`) or a page of the board.
 */
function engagementQuery(scope: { userId: string } | { limit: number; offset: number }): SQL {
  const only = (column: SQL) => ("userId" in scope ? sql`and ${column} = ${scope.userId}::uuid` : sql``);
  const activity = sql`
    select user_id, created_at, 'comment' as kind from comments where not is_removed ${only(sql`user_id`)}
    union all select user_id, created_at, 'vote' from votes where true ${only(sql`user_id`)}
    union all select submitted_by_user_id, submitted_at, 'clip' from clips
      where submitted_by_user_id is not null and submitted_at is not null ${only(sql`submitted_by_user_id`)}`;
  const totals = sql`
    select user_id,
      count(*) filter (where kind = 'comment')::int as total_comments,
      count(*) filter (where kind = 'vote')::int as total_votes_cast,
      count(*) filter (where kind = 'clip')::int as total_clips_submitted,
      count(distinct (created_at at time zone 'UTC')::date)::int as days_active,
      max(created_at) as last_active_at
    from (${activity}) a group by user_id`;
  const score = sql`(2 * t.total_comments + t.total_votes_cast + 5 * t.total_clips_submitted + 3 * t.days_active)`;
  const select = sql`select ${userColumns}, ${score}::int as score, t.total_comments, t.total_votes_cast,
      t.total_clips_submitted, t.days_active, t.last_active_at
    from (${totals}) t join users u on u.id = t.user_id`;
  if ("userId" in scope) return select;
  return sql`${select} where not u.is_banned and ${profileIsPublic(sql`u.id`)} order by score desc, u.id limit ${scope.limit} offset ${scope.offset}`;
}

export function engagementBoard(db: Db, page: { limit: number; offset: number }) {
  return queryRows<EngagementRow>(db, engagementQuery(page));
}

/** One user's totals; a user with no activity at all gets zeros. */
export async function userEngagement(db: Db, userId: string) {
  const [row] = await queryRows<EngagementRow>(db, engagementQuery({ userId }));
  return {
    score: row?.score ?? 0,
    total_comments: row?.total_comments ?? 0,
    total_votes_cast: row?.total_votes_cast ?? 0,
    total_clips_submitted: row?.total_clips_submitted ?? 0,
    days_active: row?.days_active ?? 0,
    last_active_at: row?.last_active_at ? new Date(row.last_active_at) : null,
  };
}

import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { DAILY_METRICS, type DailyMetric, type SnapshotName } from "../../db/schema";
import { listedClips } from "../clips/feedable";
import type { ContentMetrics, PlatformOverview } from "./schemas";

/** Days each run rewrites, today included: the longest trend the console asks for (365) and today. */
export const ROLLUP_DAYS = 366;
const DAY_MS = 86_400_000;
const TOP = 10;

const utcDay = (column: SQL) => sql`(${column} at time zone 'UTC')::date`;

/** Who did something since `from`, and on which UTC day: votes, comment votes, comments, submissions, favourites. */
function activity(from: string): SQL {
  const since = (table: string, column = "created_at") =>
    sql`select user_id, ${utcDay(sql.raw(column))} as day from ${sql.raw(table)} where ${sql.raw(column)} >= ${from}::timestamptz`;
  return sql.join(
    [
      since("votes", "updated_at"),
      since("comment_votes"),
      since("comments"),
      since("clip_submissions"),
      since("favorites"),
      sql`select id as user_id, ${utcDay(sql.raw("last_login_at"))} as day from users where last_login_at >= ${from}::timestamptz`,
    ],
    sql` union all `,
  );
}

/** `(day, n)`: the rows of `table` per UTC day of `column`, since `from`. */
const perDay =
  (table: string, column = "created_at") =>
  (from: string) =>
    sql`select ${utcDay(sql.raw(column))} as day, count(*)::int as n from ${sql.raw(table)}
      where ${sql.raw(column)} >= ${from}::timestamptz group by 1`;

/** Per metric: `(day, n)` for every UTC day since `from` that had any. */
const DAILY: Record<DailyMetric, (from: string) => SQL> = {
  users: perDay("users"),
  clips: perDay("clips", "imported_at"),
  votes: perDay("votes"),
  comments: perDay("comments"),
  active_users: (from) => sql`select day, count(distinct user_id)::int as n from (${activity(from)}) a group by day`,
};

async function rollUpDays(db: Db, now: Date): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  const first = new Date(Date.parse(today) - (ROLLUP_DAYS - 1) * DAY_MS).toISOString();
  for (const metric of DAILY_METRICS) {
    // Every day of the window gets a row, zero included, so a trend is read without gaps.
    await db.execute(sql`insert into analytics_daily (metric, day, value, computed_at)
      select ${metric}, d::date, coalesce(s.n, 0), ${now.toISOString()}::timestamptz
      from generate_series(${first.slice(0, 10)}::date, ${today}::date, interval '1 day') as d
      left join (${DAILY[metric](first)}) s on s.day = d::date
      on conflict (metric, day) do update set value = excluded.value, computed_at = excluded.computed_at`);
  }
}

async function overview(db: Db, now: Date): Promise<PlatformOverview> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const [row] = await queryRows<Omit<PlatformOverview, "avg_session_duration">>(
    db,
    sql`select
      (select count(*)::int from users) as total_users,
      (select count(distinct user_id)::int from (${activity(ago(1))}) a) as active_users_daily,
      (select count(distinct user_id)::int from (${activity(ago(30))}) a) as active_users_monthly,
      (select count(*)::int from clips where ${listedClips()}) as total_clips,
      (select count(*)::int from clips where imported_at >= ${now.toISOString().slice(0, 10)}::timestamptz)
        as clips_added_today,
      (select count(*)::int from votes) as total_votes,
      (select count(*)::int from comments where not is_removed) as total_comments`,
  );
  // No sessions are tracked, so there is no duration to average.
  return { ...row!, avg_session_duration: 0 };
}

async function content(db: Db, now: Date): Promise<ContentMetrics> {
  const listed = listedClips();
  const [games, creators, tags, [avg]] = await Promise.all([
    queryRows<ContentMetrics["most_popular_games"][number]>(
      db,
      sql`select game_id, game_name, count(*)::int as clip_count, coalesce(sum(view_count), 0)::float8 as view_count
        from clips where ${listed} and game_name is not null
        group by game_id, game_name order by clip_count desc, view_count desc limit ${TOP}`,
    ),
    queryRows<ContentMetrics["most_popular_creators"][number]>(
      db,
      sql`select creator_id, creator_name, count(*)::int as clip_count,
          coalesce(sum(view_count), 0)::float8 as view_count, coalesce(sum(vote_score), 0)::int as vote_score
        from clips where ${listed} and creator_name <> ''
        group by creator_id, creator_name order by view_count desc, clip_count desc limit ${TOP}`,
    ),
    queryRows<ContentMetrics["trending_tags"][number]>(
      db,
      sql`select t.id as tag_id, t.name as tag_name, count(*)::int as usage_count
        from clip_tags ct join tags t on t.id = ct.tag_id join clips c on c.id = ct.clip_id
        where ${listedClips("c")} and ct.created_at >= ${new Date(now.getTime() - 7 * DAY_MS).toISOString()}::timestamptz
        group by t.id, t.name order by usage_count desc, t.name limit ${TOP * 2}`,
    ),
    queryRows<{ avg: number | null }>(db, sql`select avg(vote_score)::float8 as avg from clips where ${listed}`),
  ]);
  const avgScore = Math.round((avg?.avg ?? 0) * 100) / 100;
  return {
    most_popular_games: games,
    most_popular_creators: creators,
    trending_tags: tags,
    avg_clip_vote_score: avgScore,
  };
}

async function saveSnapshot(db: Db, name: SnapshotName, data: object, now: Date): Promise<void> {
  await db.execute(sql`insert into analytics_snapshots (name, data, computed_at)
    values (${name}, ${JSON.stringify(data)}::jsonb, ${now.toISOString()}::timestamptz)
    on conflict (name) do update set data = excluded.data, computed_at = excluded.computed_at`);
}

/** Recomputes every rollup the console reads; idempotent, so overlapping runs on two instances agree. */
export async function computeAnalytics(db: Db, now = new Date()): Promise<void> {
  await rollUpDays(db, now);
  await saveSnapshot(db, "overview", await overview(db, now), now);
  await saveSnapshot(db, "content", await content(db, now), now);
}

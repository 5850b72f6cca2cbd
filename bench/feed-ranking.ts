/**
 * Trending feed: maintained trending_score (trigger + decay refresh, index clips_trending_idx) versus scoring every
 * feedable clip at query time. Seeds clips into a scratch database and prints p50/p95 per approach.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres bun run bench/feed-ranking.ts   (100k clips)
 *   bun run bench/feed-ranking.ts                                                                  (PGlite, 20k)
 * BENCH_CLIPS overrides the row count, BENCH_RUNS the measured iterations.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { type Database, openPglite, openPostgres, queryRows } from "../src/db/client";
import { feedableClips } from "../src/modules/clips/feedable";
import { refreshTrendingScores } from "../src/modules/clips/trending-refresh";
import { listClipIds } from "../src/modules/feeds/repo";

const url = process.env.BENCH_DATABASE_URL;
const CLIPS = Number(process.env.BENCH_CLIPS ?? (url ? 100_000 : 20_000));
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = 20;
const COLUMNS = sql`id, twitch_clip_id, title, view_count, vote_score, comment_count, favorite_count, created_at`;

async function openScratch(): Promise<Database> {
  if (!url) return openPglite({});
  const name = `clipper_bench_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`).finally(() => admin.end());
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = openPostgres(target.toString(), 4);
  return {
    ...db,
    close: async () => {
      await db.close();
      const cleanup = postgres(url, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`).finally(() => cleanup.end());
    },
  };
}

async function seed(database: Database) {
  const { db } = database;
  await db.execute(sql`insert into users (username, display_name, karma_points)
    select 'bench_user_' || g, 'Bench User ' || g, 100 from generate_series(1, 500) g`);
  // Skewed engagement over 90 days; ~2% removed, ~1% hidden, ~5% unsubmitted (scraped).
  await db.execute(sql`
    with u as (select array_agg(id) ids from users),
    src as (
      select g, now() - random() * interval '90 days' as created, floor(power(random(), 3) * 2000)::int - 100 as score
      from generate_series(1, ${CLIPS}) g
    )
    insert into clips (twitch_clip_id, twitch_clip_url, embed_url, title, broadcaster_id, game_id, language, created_at,
      view_count, vote_score, upvote_count, comment_count, favorite_count, is_removed, is_hidden, submitted_by_user_id, submitted_at)
    select 'BenchClip' || g, 'https://clips.twitch.tv/BenchClip' || g, 'https://clips.twitch.tv/embed?clip=BenchClip' || g,
      'Bench clip ' || g, (g % 300)::text, (g % 50)::text, 'en', created,
      floor(power(random(), 3) * 50000)::bigint, score, greatest(score, 0), floor(power(random(), 3) * 80)::int,
      floor(power(random(), 4) * 40)::int, random() < 0.02, random() < 0.01,
      case when random() < 0.05 then null else u.ids[1 + (g % 500)] end, created + interval '5 minutes'
    from src, u`);
  await db.execute(sql`analyze`);
  const [spread] = await queryRows<{ n: number }>(db, sql`select count(distinct created_at)::int as n from clips`);
  if (Number(spread?.n) < CLIPS / 2) throw new Error("seed produced too few distinct created_at values");
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, run: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log(`${label.padEnd(58)} p50 ${fmt(percentile(times, 50))} ms   p95 ${fmt(percentile(times, 95))} ms`);
}

async function plan(database: Database, query: ReturnType<typeof sql>) {
  const rows = await queryRows<{ "QUERY PLAN": string }>(database.db, sql`explain ${query}`);
  return rows
    .map((r) => r["QUERY PLAN"])
    .slice(0, 3)
    .join(" | ");
}

async function main() {
  const database = await openScratch();
  try {
    await database.migrate();
    const seeded = performance.now();
    await seed(database);
    const { db } = database;
    console.log(
      `${database.kind}: ${CLIPS} clips seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s; ${RUNS} runs each\n`,
    );

    const maintained = sql`select ${COLUMNS} from clips where ${feedableClips()} order by trending_score desc nulls last, id desc nulls last limit 21`;
    const queryTime = sql`select ${COLUMNS} from clips where ${feedableClips()}
      order by clip_trending_score(view_count, vote_score, comment_count, favorite_count, created_at, now()) desc nulls last, id desc nulls last
      limit 21`;
    const popularExpr = sql`select ${COLUMNS} from clips where ${feedableClips()}
      order by (view_count + 2 * vote_score + 3 * comment_count + 2 * favorite_count) desc nulls last, id desc nulls last limit 21`;

    await measure("A  maintained trending_score (index), page query", () => db.execute(maintained));
    await measure("B  query-time trending score, page query", () => db.execute(queryTime));
    await measure("A' default feed page ids via listClipIds (incl. total count)", () =>
      listClipIds(db, { sort: "trending", filters: {}, limit: 20, offset: 0, withTotal: true }),
    );
    const { nextCursor } = await listClipIds(db, {
      sort: "trending",
      filters: {},
      limit: 20,
      offset: 0,
      withTotal: false,
    });
    await measure("A'' next feed page ids via listClipIds and its cursor (no count)", () =>
      listClipIds(db, { sort: "trending", filters: {}, limit: 20, offset: 0, cursor: nextCursor, withTotal: false }),
    );
    await measure("popular via expression index clips_popular_idx", () => db.execute(popularExpr));

    const ids = await queryRows<{ id: string }>(db, sql`select id from clips order by random() limit 500`);
    let i = 0;
    const bump = () =>
      db.execute(sql`update clips set vote_score = vote_score + 1 where id = ${ids[i++ % ids.length]!.id}`);
    await measure("write: vote counter UPDATE with trending trigger", bump);
    await db.execute(sql`alter table clips disable trigger clips_trending_score`);
    await measure("write: vote counter UPDATE without trending trigger", bump);
    await db.execute(sql`alter table clips enable trigger clips_trending_score`);

    // Steady state: every stored score as the previous refresh, 5 minutes ago, left it.
    await db.execute(sql`update clips set trending_score =
      clip_trending_score(view_count, vote_score, comment_count, favorite_count, created_at, now() - interval '5 minutes')`);
    let start = performance.now();
    const rewritten = await refreshTrendingScores(db);
    console.log(
      `\ndecay refresh, scores 5 min old:  ${rewritten} rows rewritten in ${(performance.now() - start).toFixed(0)} ms`,
    );
    start = performance.now();
    const idle = await refreshTrendingScores(db);
    console.log(
      `decay refresh, scores current:    ${idle} rows rewritten in ${(performance.now() - start).toFixed(0)} ms`,
    );

    console.log(`\nplan A: ${await plan(database, maintained)}`);
    console.log(`plan B: ${await plan(database, queryTime)}`);
  } finally {
    await database.close();
  }
}

await main();

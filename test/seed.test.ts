import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type SQL, sql } from "drizzle-orm";
import { queryRows } from "../src/db/client";
import { createDataset } from "../src/seed/dataset";
import { hasData, insertDataset } from "../src/seed/insert";
import { createTestContext, type TestContext } from "./support/app";

let t: TestContext;
const rows = <T>(query: SQL) => queryRows<T>(t.deps.db, query);
/** Counts the rows a query returns; every consistency query below returns only the offending rows. */
const offenders = async (query: SQL) => (await rows<Record<string, unknown>>(query)).length;

beforeAll(async () => {
  t = await createTestContext();
  await insertDataset(t.deps.db, createDataset({ clips: 60, users: 30, seed: 7 }), { chunkSize: 25 });
}, 60_000);
afterAll(() => t.close());

describe("seed", () => {
  test("the e2e accounts exist with their roles", async () => {
    const users = await rows<{ username: string; role: string; twitch_id: string | null }>(
      sql`select username, role, twitch_id from users where username like '%\_e2e' order by username`,
    );
    expect(users.map((u) => [u.username, u.role])).toEqual([
      ["admin1_e2e", "admin"],
      ["mod1_e2e", "moderator"],
      ["user1_e2e", "user"],
    ]);
    expect(users.every((u) => u.twitch_id)).toBe(true);
    expect(await hasData(t.deps.db)).toBe(true);
  });

  test("clip counters match the rows", async () => {
    const [clips] = await rows<{ n: number }>(sql`select count(*)::int as n from clips`);
    expect(clips!.n).toBe(60);
    expect(
      await offenders(sql`select c.id from clips c
        left join (select clip_id, sum(vote_type)::int s, count(*) filter (where vote_type = 1)::int up,
                          count(*) filter (where vote_type = -1)::int down from votes group by clip_id) v on v.clip_id = c.id
        left join (select clip_id, count(*)::int n from comments group by clip_id) m on m.clip_id = c.id
        left join (select clip_id, count(*)::int n from favorites group by clip_id) f on f.clip_id = c.id
        where c.vote_score <> coalesce(v.s, 0) or c.upvote_count <> coalesce(v.up, 0)
           or c.downvote_count <> coalesce(v.down, 0) or c.comment_count <> coalesce(m.n, 0)
           or c.favorite_count <> coalesce(f.n, 0)`),
    ).toBe(0);
    const [votes] = await rows<{ n: number }>(sql`select count(*)::int as n from votes`);
    expect(votes!.n).toBeGreaterThan(0);
  });

  test("comment and tag counters match the rows", async () => {
    expect(
      await offenders(sql`select c.id from comments c
        left join (select comment_id, sum(vote_type)::int s, count(*) filter (where vote_type = 1)::int up,
                          count(*) filter (where vote_type = -1)::int down from comment_votes group by comment_id) v
          on v.comment_id = c.id
        left join (select parent_comment_id, count(*)::int n from comments group by parent_comment_id) r
          on r.parent_comment_id = c.id
        left join comments p on p.id = c.parent_comment_id
        where c.vote_score <> coalesce(v.s, 0) or c.upvote_count <> coalesce(v.up, 0)
           or c.downvote_count <> coalesce(v.down, 0) or c.reply_count <> coalesce(r.n, 0)
           or c.depth <> coalesce(p.depth + 1, 0) or (p.id is not null and p.clip_id <> c.clip_id)`),
    ).toBe(0);
    expect(
      await offenders(sql`select t.id from tags t left join (select tag_id, count(*)::int n from clip_tags group by tag_id) u
        on u.tag_id = t.id where t.usage_count <> coalesce(u.n, 0)`),
    ).toBe(0);
  });

  test("karma_points equals the ledger for every user", async () => {
    expect(
      await offenders(sql`select u.id from users u
        left join (select user_id, sum(amount)::int s from karma_history group by user_id) k on k.user_id = u.id
        where u.karma_points <> coalesce(k.s, 0)`),
    ).toBe(0);
    const sources = await rows<{ source: string }>(sql`select distinct source from karma_history order by source`);
    expect(sources.map((s) => s.source)).toEqual(expect.arrayContaining(["clip_vote", "comment", "initial"]));
  });

  test("submissions: approved ones point at their clip, pending ones at none", async () => {
    const byStatus = await rows<{ status: string; linked: number; n: number }>(
      sql`select status, count(clip_id)::int linked, count(*)::int n from clip_submissions group by status order by status`,
    );
    const approved = byStatus.find((s) => s.status === "approved");
    expect(approved && approved.linked === approved.n).toBe(true);
    expect(byStatus.find((s) => s.status === "pending")?.linked).toBe(0);
  });

  test("the same seed generates the same data", () => {
    const now = Date.UTC(2025, 0, 1);
    const flatten = (seed: number) => {
      const data = createDataset({ clips: 40, users: 20, seed, now });
      const clips = [...data.chunks(15)].flatMap((c) => c.clips);
      return { users: data.users.map((u) => u.username), clips: clips.map((c) => [c.twitch_clip_id, c.title]) };
    };
    const first = flatten(11);
    expect(flatten(11)).toEqual(first);
    expect(flatten(12).clips).not.toEqual(first.clips);
    for (const [slug] of first.clips) expect(slug).toMatch(/^[A-Za-z0-9]+-[A-Za-z0-9_-]{16}$/);
  });

  test("the API still answers ready", async () => {
    expect((await t.request("/health/ready")).status).toBe(200);
  });
});

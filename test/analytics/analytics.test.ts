import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { analyticsSnapshots, clipTags, comments, tags, votes } from "../../src/db/schema";
import { startAnalyticsRollup } from "../../src/jobs/analytics-rollup";
import { computeAnalytics } from "../../src/modules/analytics/rollup";
import { apiCall } from "../support/api";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let admin: TestUser;
beforeAll(async () => {
  // The in-process schedule stays off: each test runs the rollup itself, as the worker would.
  t = await createTestContext({ ANALYTICS_INTERVAL_MINUTES: "0" });
  admin = await createUser(t, { role: "admin" });
}, 120_000);
afterAll(() => t.close());

const get = async (path: string, who: TestUser | null = admin) =>
  apiCall(t, "GET", `/admin/analytics${path}`, who ?? undefined);
const today = () => new Date().toISOString().slice(0, 10);

describe("before the first rollup", () => {
  test("overview, content and trends answer empty, with computed_at null", async () => {
    const overview = await get("/overview");
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({ total_clips: 0, total_users: 0, computed_at: null });
    const content = await get("/content");
    expect(content.body).toMatchObject({ most_popular_games: [], trending_tags: [], computed_at: null });
    const trend = await get("/trends?metric=clips&days=7");
    expect(trend.body).toEqual({ metric: "clips", days: 7, data: [], computed_at: null });
  });
});

describe("after a rollup", () => {
  test("the console reads what the rollup computed, and only that", async () => {
    await computeAnalytics(t.deps.db);
    const before = (await get("/overview")).body;
    const author = await createUser(t);
    const voter = await createUser(t);
    const clip = await createClip(t, author.id, { gameId: "g-rollup", gameName: "Rollup Game", viewCount: 5_000_000 });
    await createClip(t, author.id, { gameId: "g-rollup", gameName: "Rollup Game", isRemoved: true });
    await t.deps.db.insert(votes).values({ userId: voter.id, clipId: clip.id, voteType: 1 });
    await t.deps.db.insert(comments).values({ clipId: clip.id, userId: voter.id, content: "nice" });
    const [tag] = await t.deps.db.insert(tags).values({ name: "rollup-tag", slug: "rollup-tag" }).returning();
    await t.deps.db.insert(clipTags).values({ clipId: clip.id, tagId: tag!.id });

    // Nothing changes until the next run: requests never aggregate the source tables.
    expect((await get("/overview")).body).toEqual(before);

    await computeAnalytics(t.deps.db);
    const after = (await get("/overview")).body;
    expect(after.total_users - before.total_users).toBe(2);
    expect(after.total_clips - before.total_clips).toBe(1);
    expect(after.clips_added_today - before.clips_added_today).toBe(2);
    expect(after.total_votes - before.total_votes).toBe(1);
    expect(after.total_comments - before.total_comments).toBe(1);
    expect(after.active_users_daily).toBeGreaterThanOrEqual(1);
    expect(after.avg_session_duration).toBe(0);
    expect(Date.parse(after.computed_at)).toBeGreaterThan(Date.parse(before.computed_at));

    const content = (await get("/content")).body;
    expect(content.most_popular_games[0]).toEqual({
      game_id: "g-rollup",
      game_name: "Rollup Game",
      clip_count: 1,
      view_count: 5_000_000,
    });
    expect(content.most_popular_creators[0]).toMatchObject({ creator_name: "clipper_person", view_count: 5_000_000 });
    expect(content.trending_tags).toContainEqual({ tag_id: tag!.id, tag_name: "rollup-tag", usage_count: 1 });

    const trend = (await get("/trends?metric=clips&days=30")).body;
    expect(trend.data).toHaveLength(30);
    expect(trend.data.at(-1)).toEqual({ date: today(), value: expect.any(Number) });
    expect(trend.data.at(-1).value).toBeGreaterThanOrEqual(2);
    const users = (await get("/trends?days=7")).body;
    expect(users).toMatchObject({ metric: "users", days: 7 });
    expect(users.data.at(-1).value).toBeGreaterThanOrEqual(2);
  });

  test("days is clamped to 1–365 and an unknown metric means users", async () => {
    await computeAnalytics(t.deps.db);
    const long = (await get("/trends?metric=clips&days=100000")).body;
    expect(long.days).toBe(365);
    expect(long.data).toHaveLength(365);
    expect((await get("/trends?metric=nonsense&days=0")).body).toMatchObject({ metric: "users", days: 1 });
    expect((await get("/trends?metric=active_users&days=3")).body.data).toHaveLength(3);
  });
});

describe("the scheduled job", () => {
  test("runs the rollup on its schedule and stops cleanly", async () => {
    await t.deps.db.delete(analyticsSnapshots);
    const job = startAnalyticsRollup({ db: t.deps.db, logger: t.deps.logger, intervalMs: 60_000, firstRunMs: 0 });
    const deadline = Date.now() + 60_000;
    let rows = await t.deps.db.select().from(analyticsSnapshots).where(eq(analyticsSnapshots.name, "content"));
    while (!rows.length && Date.now() < deadline) {
      await Bun.sleep(50);
      rows = await t.deps.db.select().from(analyticsSnapshots).where(eq(analyticsSnapshots.name, "content"));
    }
    await job.stop();
    expect(rows).toHaveLength(1);
    expect((await get("/overview")).body.computed_at).not.toBeNull();
  });
});

describe("access", () => {
  test("admins only: 401 anonymous, 403 moderator and user", async () => {
    const moderator = await createUser(t, { role: "moderator" });
    for (const path of ["/overview", "/content", "/trends?metric=users&days=30"]) {
      expect((await get(path, null)).status).toBe(401);
      expect((await get(path, moderator)).status).toBe(403);
      expect((await get(path, await createUser(t))).status).toBe(403);
    }
  });
});

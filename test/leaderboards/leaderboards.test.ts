import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { comments } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let legend: TestUser;
let veteran: TestUser;
let newcomer: TestUser;

beforeAll(async () => {
  t = await createTestContext();
  legend = await createUser(t, { karma: 20_000 });
  veteran = await createUser(t, { karma: 6_000 });
  newcomer = await createUser(t, { karma: 50 });
  await createUser(t, { karma: 99_999, banned: true });
  // Engagement: newcomer submits 2 clips and comments 3 times (all today): 5·2 + 2·3 + 3·1 = 19.
  const clip = await createClip(t, newcomer.id, { submittedAt: new Date() });
  await createClip(t, newcomer.id, { submittedAt: new Date() });
  await t.deps.db
    .insert(comments)
    .values([1, 2, 3].map((i) => ({ clipId: clip.id, userId: newcomer.id, content: `c${i}` })));
});
afterAll(() => t.close());

describe("GET /leaderboards/:type", () => {
  test("karma board: non-banned users by karma with rank names", async () => {
    const res = await t.request("/api/v1/leaderboards/karma");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = await json(res);
    expect(body).toMatchObject({ type: "karma", page: 1, limit: 50 });
    expect(body.entries.map((e: { user_id: string }) => e.user_id)).toEqual([legend.id, veteran.id, newcomer.id]);
    expect(body.entries[0]).toMatchObject({ rank: 1, score: 20_000, user_rank: "Legend", username: legend.username });
    expect(body.entries[2]).toMatchObject({ rank: 3, score: 50, user_rank: "Newcomer" });
  });

  test("rank continues across pages; limit over 100 resets to 50", async () => {
    const page2 = await json(await t.request("/api/v1/leaderboards/karma?page=2&limit=1"));
    expect(page2.entries).toHaveLength(1);
    expect(page2.entries[0]).toMatchObject({ rank: 2, user_id: veteran.id, user_rank: "Veteran" });
    expect((await json(await t.request("/api/v1/leaderboards/karma?limit=500"))).limit).toBe(50);
  });

  test("engagement board: score and totals", async () => {
    const body = await json(await t.request("/api/v1/leaderboards/engagement"));
    expect(body.type).toBe("engagement");
    expect(body.entries[0]).toMatchObject({
      rank: 1,
      user_id: newcomer.id,
      score: 19,
      total_comments: 3,
      total_votes_cast: 0,
      total_clips_submitted: 2,
      user_rank: "Newcomer",
    });
  });

  test("unknown type is 400 INVALID_LEADERBOARD_TYPE with error and message", async () => {
    const res = await t.request("/api/v1/leaderboards/weekly");
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.code).toBe("INVALID_LEADERBOARD_TYPE");
    expect(typeof body.error).toBe("string");
    expect(typeof body.message).toBe("string");
  });

  test("garbage paging falls back to defaults", async () => {
    const body = await json(await t.request("/api/v1/leaderboards/karma?page=abc&limit=-5"));
    expect(body).toMatchObject({ page: 1, limit: 50 });
  });
});

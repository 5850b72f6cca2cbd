import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { comments, reports, users, votes } from "../../src/db/schema";
import { recordKarma } from "../../src/modules/karma/ledger";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let user: TestUser;

const day = (d: number) => new Date(Date.UTC(2026, 0, d, 12));

beforeAll(async () => {
  t = await createTestContext();
  user = await createUser(t, { karma: 1000 });
  const other = await createUser(t);
  await t.deps.db
    .update(users)
    .set({ createdAt: new Date(Date.now() - 400 * 86_400_000) })
    .where(eq(users.id, user.id));
  const clip = await createClip(t, user.id, { createdAt: day(1), submittedAt: day(1) });
  const otherClips = [await createClip(t, other.id), await createClip(t, other.id)];
  await t.deps.db
    .insert(comments)
    .values(
      Array.from({ length: 10 }, (_, i) => ({ clipId: clip.id, userId: user.id, content: `c${i}`, createdAt: day(2) })),
    );
  await t.deps.db
    .insert(votes)
    .values(otherClips.map((c) => ({ userId: user.id, clipId: c.id, voteType: 1, createdAt: day(3) })));
  await t.deps.db.insert(reports).values([
    {
      reporterId: user.id,
      reportableType: "clip",
      reportableId: otherClips[0]!.id,
      reason: "spam",
      status: "actioned",
    },
    {
      reporterId: user.id,
      reportableType: "clip",
      reportableId: otherClips[1]!.id,
      reason: "spam",
      status: "dismissed",
    },
  ]);
  // Separate transactions, so the two ledger rows get distinct timestamps and a stable order.
  await t.deps.db.transaction((tx) => recordKarma(tx, { userId: user.id, amount: 1, source: "comment" }));
  await Bun.sleep(5);
  await t.deps.db.transaction((tx) =>
    recordKarma(tx, { userId: user.id, amount: 2, source: "clip_vote", sourceId: clip.id }),
  );
});
afterAll(() => t.close());

describe("GET /users/:id/karma", () => {
  test("breakdown by ledger source and newest-first history", async () => {
    const res = await t.request(`/api/v1/users/${user.id}/karma?limit=2`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.breakdown).toEqual({ clip_karma: 2, comment_karma: 1, total_karma: 1003 });
    expect(body.history).toHaveLength(2);
    expect(body.history[0]).toMatchObject({ user_id: user.id, amount: 2, source: "clip_vote" });
    expect(Object.keys(body.history[0]).sort()).toEqual([
      "amount",
      "created_at",
      "id",
      "source",
      "source_id",
      "user_id",
    ]);
  });

  test("limit above 100 is clamped; bad id 400; unknown 404", async () => {
    expect((await t.request(`/api/v1/users/${user.id}/karma?limit=1000`)).status).toBe(200);
    expect((await t.request("/api/v1/users/x/karma")).status).toBe(400);
    expect((await t.request(`/api/v1/users/${crypto.randomUUID()}/karma`)).status).toBe(404);
  });
});

describe("GET /users/:id/reputation", () => {
  test("bare UserReputation with trust score, stats and badges computed on read", async () => {
    const res = await t.request(`/api/v1/users/${user.id}/reputation`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      user_id: user.id,
      username: user.username,
      karma_points: 1003,
      rank: "Contributor",
      // age 20 (capped) + karma 1003/250 = 4 + reports 20·1/2 = 10 + activity 10/10 + 2/100 + 3/5 = 1
      trust_score: 35,
      // 2·10 comments + 2 votes + 5·1 clip + 3·3 days
      engagement_score: 36,
      stats: {
        total_comments: 10,
        total_votes_cast: 2,
        total_clips_submitted: 1,
        correct_reports: 1,
        incorrect_reports: 1,
        days_active: 3,
        trust_score: 35,
      },
    });
    expect(body.badges.map((b: { badge_id: string }) => b.badge_id).sort()).toEqual([
      "commenter",
      "first_clip",
      "veteran",
    ]);
  });

  test("a fresh user gets zeros and no badges; bad id 400; unknown 404", async () => {
    const fresh = await createUser(t);
    const body = await json(await t.request(`/api/v1/users/${fresh.id}/reputation`));
    expect(body).toMatchObject({ trust_score: 0, engagement_score: 0, rank: "Member", badges: [] });
    expect((await t.request("/api/v1/users/me/reputation")).status).toBe(400);
    const missing = await t.request(`/api/v1/users/${crypto.randomUUID()}/reputation`);
    expect(missing.status).toBe(404);
    expect((await json(missing)).error).toBe("user not found");
  });
});

describe("GET /users/:id/badges", () => {
  test("UserBadge items", async () => {
    const body = await json(await t.request(`/api/v1/users/${user.id}/badges`));
    const first = body.badges.find((b: { badge_id: string }) => b.badge_id === "first_clip");
    expect(first).toMatchObject({ name: "First Clip", category: "contribution", awarded_at: day(1).toISOString() });
    expect(typeof first.icon).toBe("string");
    expect((await t.request("/api/v1/users/1/badges")).status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { clips, karmaHistory, outbox, users } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let submitter: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  submitter = await createUser(t);
});
afterAll(() => t.close());

const vote = async (clipId: string, user: TestUser | undefined, value: unknown) => {
  const res = await t.request(`/api/v1/clips/${clipId}/vote`, {
    method: "POST",
    headers: user?.headers ?? { "content-type": "application/json" },
    body: JSON.stringify({ vote: value }),
  });
  return { status: res.status, body: await json(res) };
};

async function karmaOf(userId: string) {
  const [user] = await t.deps.db.select({ karma: users.karmaPoints }).from(users).where(eq(users.id, userId));
  const [ledger] = await t.deps.db
    .select({ sum: sql<number>`coalesce(sum(${karmaHistory.amount}), 0)::int` })
    .from(karmaHistory)
    .where(eq(karmaHistory.userId, userId));
  return { points: user!.karma, ledger: Number(ledger!.sum) };
}

async function counters(clipId: string) {
  const [row] = await t.deps.db
    .select({ score: clips.voteScore, up: clips.upvoteCount, down: clips.downvoteCount })
    .from(clips)
    .where(eq(clips.id, clipId));
  return row!;
}

describe("POST /clips/:id/vote", () => {
  test("upvote, flip, repeat and remove; submitter karma follows, the voter's does not", async () => {
    const clip = await createClip(t, submitter.id);
    const voter = await createUser(t);
    const before = await karmaOf(submitter.id);

    const up = await vote(clip.id, voter, 1);
    expect(up.status).toBe(200);
    expect(up.body).toEqual({
      success: true,
      data: { message: expect.any(String), vote_score: 1, upvote_count: 1, downvote_count: 0, user_vote: 1 },
    });
    expect((await vote(clip.id, voter, 1)).body.data).toMatchObject({ vote_score: 1, upvote_count: 1 });
    expect((await vote(clip.id, voter, -1)).body.data).toMatchObject({
      vote_score: -1,
      upvote_count: 0,
      downvote_count: 1,
      user_vote: -1,
    });
    expect((await karmaOf(submitter.id)).points).toBe(before.points - 1);
    expect((await vote(clip.id, voter, 0)).body.data).toMatchObject({
      vote_score: 0,
      downvote_count: 0,
      user_vote: null,
    });
    expect(await karmaOf(submitter.id)).toEqual(before);
    expect((await karmaOf(voter.id)).points).toBe(100);

    const events = await t.deps.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.aggregateId, clip.id)));
    expect(events.length).toBe(3);
  });

  test("voting on your own clip moves the counters but pays no karma", async () => {
    const clip = await createClip(t, submitter.id);
    const before = await karmaOf(submitter.id);
    expect((await vote(clip.id, submitter, 1)).body.data.vote_score).toBe(1);
    expect(await karmaOf(submitter.id)).toEqual(before);
  });

  test("errors: non-UUID id, missing or removed clip, bad vote value", async () => {
    const voter = await createUser(t);
    const badId = await vote("not-a-uuid", voter, 1);
    expect(badId.status).toBe(400);
    expect(badId.body).toEqual({
      success: false,
      error: { code: "INVALID_CLIP_ID", message: expect.any(String) },
      request_id: expect.any(String),
    });
    expect((await vote(randomUUID(), voter, 1)).body.error.code).toBe("CLIP_NOT_FOUND");
    const removed = await createClip(t, submitter.id, { isRemoved: true });
    expect((await vote(removed.id, voter, 1)).status).toBe(404);
    const clip = await createClip(t, submitter.id);
    for (const value of [2, "1", null]) {
      const res = await vote(clip.id, voter, value);
      expect(res.status).toBe(400);
      expect(res.body.success).toBe(false);
    }
  });

  test("anonymous is 401 in family A", async () => {
    const clip = await createClip(t, submitter.id);
    const res = await vote(clip.id, undefined, 1);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHORIZED");
  });

  test("200 concurrent voters, then half flip, then some remove: counters and karma stay exact", async () => {
    const owner = await createUser(t);
    const clip = await createClip(t, owner.id);
    const voters: TestUser[] = [];
    for (let i = 0; i < 200; i++) voters.push(await createUser(t));
    const start = await karmaOf(owner.id);

    const all = await Promise.all(voters.map((v, i) => vote(clip.id, v, i % 4 === 0 ? -1 : 1)));
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(await counters(clip.id)).toEqual({ score: 100, up: 150, down: 50 });

    await Promise.all(voters.slice(0, 100).map((v, i) => vote(clip.id, v, i % 4 === 0 ? 1 : -1)));
    // first 100: 25 were down → up, 75 were up → down. up = 150 - 75 + 25 = 100, down = 50 - 25 + 75 = 100.
    expect(await counters(clip.id)).toEqual({ score: 0, up: 100, down: 100 });

    await Promise.all(voters.slice(150).map((v) => vote(clip.id, v, 0)));
    // last 50 (never flipped): 12 down (i % 4 === 0 for i in 152..196) and 38 up are removed.
    expect(await counters(clip.id)).toEqual({ score: -26, up: 62, down: 88 });

    const end = await karmaOf(owner.id);
    expect(end.points).toBe(end.ledger);
    expect(end.points - start.points).toBe(-26);
  }, 120_000);
});

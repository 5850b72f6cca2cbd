import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { broadcasterFollows, comments, users, votes } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const counts = async (id: string) => {
  const [row] = await t.deps.db
    .select({ followers: users.followerCount, following: users.followingCount })
    .from(users)
    .where(eq(users.id, id));
  return row!;
};
const follow = (method: "POST" | "DELETE", target: string, who?: TestUser) =>
  // Bodiless, no Content-Type, as the SPA sends it.
  t.request(`/api/v1/users/${target}/follow`, {
    method,
    headers: who ? { authorization: `Bearer ${who.token}` } : {},
  });

describe("POST/DELETE /users/:id/follow", () => {
  test("follow and unfollow are idempotent and keep the counters exact", async () => {
    const a = await createUser(t);
    const b = await createUser(t);
    const first = await follow("POST", b.id, a);
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ success: true, message: "Successfully followed user" });
    expect((await follow("POST", b.id, a)).status).toBe(200);
    await Promise.all([follow("POST", b.id, a), follow("POST", b.id, a)]);
    expect(await counts(b.id)).toEqual({ followers: 1, following: 0 });
    expect(await counts(a.id)).toEqual({ followers: 0, following: 1 });

    const un = await follow("DELETE", b.id, a);
    expect(await json(un)).toEqual({ success: true, message: "Successfully unfollowed user" });
    expect((await follow("DELETE", b.id, a)).status).toBe(200);
    expect(await counts(b.id)).toEqual({ followers: 0, following: 0 });
    expect(await counts(a.id)).toEqual({ followers: 0, following: 0 });
  });

  test("following yourself is 400; unknown 404; non-UUID 400; anonymous 401", async () => {
    const a = await createUser(t);
    const self = await follow("POST", a.id, a);
    expect(self.status).toBe(400);
    expect((await json(self)).code).toBe("INVALID_REQUEST");
    expect((await follow("POST", crypto.randomUUID(), a)).status).toBe(404);
    expect((await follow("POST", "me", a)).status).toBe(400);
    const anon = await follow("POST", a.id);
    expect(anon.status).toBe(401);
    expect((await json(anon)).code).toBe("UNAUTHORIZED");
  });
});

describe("GET /users/:id/followers and /following", () => {
  test("follower items with the viewer's follow state", async () => {
    const star = await createUser(t);
    const fan = await createUser(t);
    const viewer = await createUser(t);
    await follow("POST", star.id, fan);
    await follow("POST", fan.id, viewer);

    const res = await t.request(`/api/v1/users/${star.id}/followers`, { headers: viewer.headers });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.success).toBe(true);
    expect(body.meta).toEqual({ page: 1, limit: 20, total: 1, total_pages: 1, has_next: false, has_prev: false });
    expect(body.data[0]).toMatchObject({ id: fan.id, username: fan.username, karma_points: 100, is_following: true });
    expect(typeof body.data[0].followed_at).toBe("string");

    const following = await json(await t.request(`/api/v1/users/${fan.id}/following`));
    expect(following.data.map((u: { id: string }) => u.id)).toEqual([star.id]);
    expect(following.data[0].is_following).toBe(false);
  });

  test("bad id 400, unknown 404", async () => {
    expect((await t.request("/api/v1/users/abc/followers")).status).toBe(400);
    expect((await t.request(`/api/v1/users/${crypto.randomUUID()}/following`)).status).toBe(404);
  });
});

describe("GET /users/:id/activity", () => {
  test("merges submissions, votes, comments and follows, newest first", async () => {
    const user = await createUser(t);
    const friend = await createUser(t);
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const clip = await createClip(t, user.id, { submittedAt: at(50) });
    const other = await createClip(t, friend.id);
    await t.deps.db.insert(votes).values({ userId: user.id, clipId: other.id, voteType: -1, createdAt: at(40) });
    await t.deps.db
      .insert(comments)
      .values({ clipId: other.id, userId: user.id, content: "great play", createdAt: at(30) });
    await follow("POST", friend.id, user);
    await t.deps.db.insert(broadcasterFollows).values({ userId: user.id, broadcasterId: "b42", createdAt: at(60) });

    const body = await json(await t.request(`/api/v1/users/${user.id}/activity?limit=3`));
    expect(body.success).toBe(true);
    expect(body.meta).toEqual({ page: 1, limit: 3, total: 5, total_pages: 2, has_next: true, has_prev: false });
    expect(body.data.map((a: { activity_type: string }) => a.activity_type)).toEqual([
      "user_followed",
      "comment",
      "downvote",
    ]);
    expect(body.data[0]).toMatchObject({ user_id: user.id, username: user.username, target_user: friend.username });
    expect(body.data[1]).toMatchObject({ comment_text: "great play", clip_id: other.id, target_type: "comment" });

    const next = await json(await t.request(`/api/v1/users/${user.id}/activity?limit=3&page=2`));
    expect(next.data.map((a: { activity_type: string }) => a.activity_type)).toEqual([
      "clip_submitted",
      "broadcaster_followed",
    ]);
    expect(next.data[0]).toMatchObject({ clip_id: clip.id, clip_title: clip.title });
  });

  test("bad id 400, unknown 404", async () => {
    expect((await t.request("/api/v1/users/me/activity")).status).toBe(400);
    expect((await t.request(`/api/v1/users/${crypto.randomUUID()}/activity`)).status).toBe(404);
  });
});

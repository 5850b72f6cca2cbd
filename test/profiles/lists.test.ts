import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { comments, commentVotes, votes } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let owner: TestUser;
let other: TestUser;
let visibleClipId: string;
let hiddenClipId: string;

beforeAll(async () => {
  t = await createTestContext();
  owner = await createUser(t);
  other = await createUser(t);
  visibleClipId = (await createClip(t, owner.id)).id;
  hiddenClipId = (await createClip(t, owner.id, { isHidden: true })).id;
  await createClip(t, owner.id, { isRemoved: true });
});
afterAll(() => t.close());

describe("GET /users/:id/clips", () => {
  test("family B page of the user's visible submissions", async () => {
    const res = await t.request(`/api/v1/users/${owner.id}/clips`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.success).toBe(true);
    expect(body.data.map((c: { id: string }) => c.id)).toEqual([visibleClipId]);
    expect(body.data[0].submitted_by.id).toBe(owner.id);
    expect(body.meta).toEqual({ page: 1, limit: 20, total: 1, total_pages: 1, has_next: false, has_prev: false });
  });

  test("hidden clips only to the owner", async () => {
    const mine = await json(await t.request(`/api/v1/users/${owner.id}/clips`, { headers: owner.headers }));
    expect(mine.data.map((c: { id: string }) => c.id).sort()).toEqual([visibleClipId, hiddenClipId].sort());
    const theirs = await json(await t.request(`/api/v1/users/${owner.id}/clips`, { headers: other.headers }));
    expect(theirs.data.map((c: { id: string }) => c.id)).toEqual([visibleClipId]);
  });

  test("pagination meta and clamped limit", async () => {
    const body = await json(
      await t.request(`/api/v1/users/${owner.id}/clips?page=2&limit=500`, { headers: owner.headers }),
    );
    expect(body.meta).toMatchObject({ page: 2, limit: 100, total: 2, has_prev: true, has_next: false });
    expect(body.data).toEqual([]);
  });

  test("non-UUID id is 400, unknown user 404, bad token 401", async () => {
    expect((await t.request("/api/v1/users/me/clips")).status).toBe(400);
    const missing = await t.request(`/api/v1/users/${crypto.randomUUID()}/clips`);
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ error: "user not found", code: "NOT_FOUND" });
    const bad = await t.request(`/api/v1/users/${owner.id}/clips`, { headers: { authorization: "Bearer nope" } });
    expect(bad.status).toBe(401);
  });
});

describe("GET /users/:id/comments", () => {
  test("UserComment shape with the viewer's vote", async () => {
    const [comment] = await t.deps.db
      .insert(comments)
      .values({ clipId: visibleClipId, userId: owner.id, content: "nice clip" })
      .returning();
    await t.deps.db
      .insert(comments)
      .values({ clipId: visibleClipId, userId: owner.id, content: "gone", isRemoved: true });
    await t.deps.db.insert(commentVotes).values({ userId: other.id, commentId: comment!.id, voteType: 1 });

    const anon = await json(await t.request(`/api/v1/users/${owner.id}/comments`));
    expect(anon).toMatchObject({ total: 1, page: 1, limit: 10, has_more: false });
    expect(anon.comments[0]).toMatchObject({
      id: comment!.id,
      clip_id: visibleClipId,
      user_id: owner.id,
      username: owner.username,
      user_karma: 100,
      user_role: "user",
      parent_id: null,
      content: "nice clip",
      is_deleted: false,
      is_removed: false,
      depth: 0,
      child_count: 0,
      user_vote: null,
    });
    const viewed = await json(await t.request(`/api/v1/users/${owner.id}/comments`, { headers: other.headers }));
    expect(viewed.comments[0].user_vote).toBe(1);
  });

  test("bad id 400, unknown 404", async () => {
    expect((await t.request("/api/v1/users/not-a-uuid/comments")).status).toBe(400);
    expect((await t.request(`/api/v1/users/${crypto.randomUUID()}/comments`)).status).toBe(404);
  });
});

describe("GET /users/:id/upvoted and /downvoted", () => {
  test("lists clips by the profile owner's vote, user_vote ±1", async () => {
    const down = await createClip(t, owner.id);
    await t.deps.db.insert(votes).values([
      { userId: other.id, clipId: visibleClipId, voteType: 1 },
      { userId: other.id, clipId: down.id, voteType: -1 },
      { userId: other.id, clipId: hiddenClipId, voteType: 1 },
    ]);
    const up = await json(await t.request(`/api/v1/users/${other.id}/upvoted`));
    expect(up.success).toBe(true);
    expect(up.data.map((c: { id: string }) => c.id)).toEqual([visibleClipId]);
    expect(up.data[0].user_vote).toBe(1);
    expect(up.meta).toEqual({ page: 1, limit: 10, total: 1, total_pages: 1, has_next: false, has_prev: false });

    const downs = await json(await t.request(`/api/v1/users/${other.id}/downvoted`));
    expect(downs.data.map((c: { id: string }) => c.id)).toEqual([down.id]);
    expect(downs.data[0].user_vote).toBe(-1);
  });

  test("bad id 400, unknown 404", async () => {
    expect((await t.request("/api/v1/users/123/upvoted")).status).toBe(400);
    expect((await t.request(`/api/v1/users/${crypto.randomUUID()}/downvoted`)).status).toBe(404);
  });
});

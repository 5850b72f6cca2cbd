import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { clips } from "../../src/db/schema";
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

const favorite = async (method: "POST" | "DELETE", clipId: string, user?: TestUser) => {
  const res = await t.request(`/api/v1/clips/${clipId}/favorite`, {
    method,
    headers: user ? { authorization: `Bearer ${user.token}` } : {},
  });
  return { status: res.status, body: await json(res) };
};
const favoriteCount = async (clipId: string) =>
  (await t.deps.db.select({ n: clips.favoriteCount }).from(clips).where(eq(clips.id, clipId)))[0]!.n;

describe("POST/DELETE /clips/:id/favorite", () => {
  test("idempotent both ways, bodiless, with an exact favorite_count under concurrency", async () => {
    const clip = await createClip(t, submitter.id);
    const users = await Promise.all(Array.from({ length: 5 }, () => createUser(t)));
    const added = await Promise.all(users.flatMap((u) => [favorite("POST", clip.id, u), favorite("POST", clip.id, u)]));
    expect(added[0]).toEqual({
      status: 200,
      body: { success: true, data: { message: "Clip added to favorites", is_favorited: true } },
    });
    expect(await favoriteCount(clip.id)).toBe(5);
    const removed = await Promise.all([favorite("DELETE", clip.id, users[0]), favorite("DELETE", clip.id, users[0])]);
    expect(removed.map((r) => r.body.data.is_favorited)).toEqual([false, false]);
    expect(await favoriteCount(clip.id)).toBe(4);
  });

  test("401 anonymous, 400 bad id, 404 missing clip", async () => {
    const user = await createUser(t);
    const clip = await createClip(t, submitter.id);
    expect((await favorite("POST", clip.id)).status).toBe(401);
    expect((await favorite("POST", "nope", user)).body.error.code).toBe("INVALID_CLIP_ID");
    expect((await favorite("POST", randomUUID(), user)).body.error.code).toBe("CLIP_NOT_FOUND");
  });
});

describe("GET /favorites", () => {
  test("the viewer's favorites, sorted and paged, with viewer state", async () => {
    const user = await createUser(t);
    const a = await createClip(t, submitter.id, { voteScore: 1, commentCount: 9 });
    const b = await createClip(t, submitter.id, { voteScore: 7, commentCount: 0 });
    const gone = await createClip(t, submitter.id);
    for (const clip of [a, b, gone]) await favorite("POST", clip.id, user);
    await t.deps.db.update(clips).set({ isRemoved: true }).where(eq(clips.id, gone.id));
    await t.request(`/api/v1/clips/${b.id}/vote`, { method: "POST", headers: user.headers, body: '{"vote":1}' });

    const ids = async (query: string) => {
      const res = await t.request(`/api/v1/favorites?${query}`, { headers: user.headers });
      return (await json(res)).data.map((c: { id: string }) => c.id);
    };
    expect(await ids("")).toEqual([b.id, a.id]);
    expect(await ids("sort=top")).toEqual([b.id, a.id]);
    expect(await ids("sort=discussed")).toEqual([a.id, b.id]);
    const res = await t.request("/api/v1/favorites?limit=1&page=2", { headers: user.headers });
    const body = await json(res);
    expect(body.meta).toEqual({ page: 2, limit: 1, total: 2, total_pages: 2, has_next: false, has_prev: true });
    expect(body.data[0]).toMatchObject({ id: a.id, is_favorited: true });
    const top = await json(await t.request("/api/v1/favorites?sort=top&limit=1", { headers: user.headers }));
    expect(top.data[0]).toMatchObject({ id: b.id, user_vote: 1, is_favorited: true });
  });

  test("anonymous is 401 in family A", async () => {
    const res = await t.request("/api/v1/favorites");
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe("UNAUTHORIZED");
  });
});

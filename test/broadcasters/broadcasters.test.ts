import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { categories } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let user: TestUser;
let broadcasterId: string;
let broadcasterName: string;
beforeAll(async () => {
  t = await createTestContext();
  user = await createUser(t);
  broadcasterId = `b${randomUUID().slice(0, 8)}`;
  broadcasterName = `Streamer_${randomUUID().slice(0, 6)}`;
  const b = { broadcasterId, broadcasterName };
  await createClip(t, user.id, { ...b, viewCount: 100, voteScore: 4 });
  await createClip(t, user.id, { ...b, viewCount: 50, voteScore: 2 });
  await createClip(t, user.id, { ...b, viewCount: 10, isRemoved: true });
  await createClip(t, user.id, { broadcasterId: `o${randomUUID().slice(0, 8)}`, broadcasterName: "other_one" });
});
afterAll(() => t.close());

const bare = (who: TestUser) => ({ authorization: `Bearer ${who.token}` });

describe("GET /broadcasters/popular", () => {
  test("broadcasters by visible clip count", async () => {
    const res = await t.request("/api/v1/broadcasters/popular?limit=1");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      broadcasters: [{ broadcaster_id: broadcasterId, broadcaster_name: broadcasterName, clip_count: 2 }],
    });
    expect((await t.request("/api/v1/broadcasters/popular?limit=9999")).status).toBe(200);
  });
});

describe("GET /broadcasters/:id", () => {
  test("bare profile by Twitch id or case-insensitive name", async () => {
    for (const key of [broadcasterId, broadcasterName.toUpperCase()]) {
      const res = await t.request(`/api/v1/broadcasters/${key}`);
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({
        broadcaster_id: broadcasterId,
        broadcaster_name: broadcasterName,
        display_name: broadcasterName,
        twitch_url: `https://twitch.tv/${broadcasterName}`,
        total_clips: 2,
        total_views: 150,
        avg_vote_score: 3,
        follower_count: 0,
        is_following: false,
      });
    }
  });

  test("unknown broadcaster is 404 {error}", async () => {
    const res = await t.request("/api/v1/broadcasters/nobody_here");
    expect(res.status).toBe(404);
    expect(typeof (await json(res)).error).toBe("string");
  });
});

describe("GET /broadcasters/:id/clips", () => {
  test("paged with total_items meta", async () => {
    const res = await t.request(`/api/v1/broadcasters/${broadcasterId}/clips?sort=popular&limit=1`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.success).toBe(true);
    expect(body.data).toHaveLength(1);
    expect(body.data[0].view_count).toBe(100);
    expect(body.meta).toEqual({ page: 1, limit: 1, total_items: 2, total_pages: 2 });
  });

  test("unknown sort is 400", async () => {
    const res = await t.request(`/api/v1/broadcasters/${broadcasterId}/clips?sort=weird`);
    expect(res.status).toBe(400);
    expect((await json(res)).code).toBe("VALIDATION_ERROR");
  });
});

describe("GET /broadcasters/:id/live-status", () => {
  test("always offline", async () => {
    const body = await json(await t.request(`/api/v1/broadcasters/${broadcasterId}/live-status`));
    expect(body).toMatchObject({ broadcaster_id: broadcasterId, is_live: false, viewer_count: 0 });
    expect(typeof body.last_checked).toBe("string");
  });
});

describe("POST/DELETE /broadcasters/:id/follow", () => {
  test("follow by name, reflected on the profile, unfollow", async () => {
    const res = await t.request(`/api/v1/broadcasters/${broadcasterName}/follow`, {
      method: "POST",
      headers: bare(user),
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ message: "Successfully followed broadcaster" });
    await t.request(`/api/v1/broadcasters/${broadcasterId}/follow`, { method: "POST", headers: bare(user) });
    const seen = await json(await t.request(`/api/v1/broadcasters/${broadcasterId}`, { headers: bare(user) }));
    expect(seen).toMatchObject({ follower_count: 1, is_following: true });
    const un = await t.request(`/api/v1/broadcasters/${broadcasterId}/follow`, {
      method: "DELETE",
      headers: bare(user),
    });
    expect(await json(un)).toEqual({ message: "Successfully unfollowed broadcaster" });
  });

  test("anonymous 401, unknown 404", async () => {
    expect((await t.request(`/api/v1/broadcasters/${broadcasterId}/follow`, { method: "POST" })).status).toBe(401);
    const res = await t.request("/api/v1/broadcasters/nobody_here/follow", { method: "POST", headers: bare(user) });
    expect(res.status).toBe(404);
  });
});

describe("categories", () => {
  test("list, filter, detail, and empty sub-lists", async () => {
    const slug = `cat-${randomUUID().slice(0, 6)}`;
    await t.deps.db.insert(categories).values([
      { name: "Featured", slug, isFeatured: true, position: 1 },
      { name: "Plain", slug: `${slug}-plain`, categoryType: "custom" },
    ]);
    const featured = await json(await t.request("/api/v1/categories?featured=true"));
    expect(featured.categories.map((c: { slug: string }) => c.slug)).toEqual([slug]);
    expect(featured.categories[0]).toMatchObject({ name: "Featured", is_featured: true, category_type: "game" });
    const typed = await json(await t.request("/api/v1/categories?type=custom"));
    expect(typed.categories.map((c: { slug: string }) => c.slug)).toEqual([`${slug}-plain`]);

    expect((await json(await t.request(`/api/v1/categories/${slug}`))).category.slug).toBe(slug);
    expect(await json(await t.request(`/api/v1/categories/${slug}/games`))).toEqual({
      games: [],
      page: 1,
      limit: 20,
      has_more: false,
    });
    expect(await json(await t.request(`/api/v1/categories/${slug}/clips?page=2`))).toMatchObject({
      clips: [],
      page: 2,
    });
  });

  test("unknown slug 404; bad featured value 400", async () => {
    const res = await t.request("/api/v1/categories/no-such-category");
    expect(res.status).toBe(404);
    expect((await json(res)).error).toBe("Category not found");
    expect((await t.request("/api/v1/categories/no-such-category/games")).status).toBe(404);
    expect((await t.request("/api/v1/categories?featured=maybe")).status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { playlists } from "../../src/db/schema";
import { apiCall } from "../support/api";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const create = (user: TestUser, body: Record<string, unknown>) => apiCall(t, "POST", "/playlists", user, body);
const idsOf = (body: { data: { id: string }[] }) => body.data.map((p) => p.id);

describe("playlists", () => {
  test("create, read, update and delete a playlist (the shapes PlaylistManager and PlaylistDetail read)", async () => {
    const owner = await createUser(t);
    const created = await create(owner, { title: "  Best clutches ", description: "", visibility: "public" });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect(created.body.data).toMatchObject({
      user_id: owner.id,
      title: "Best clutches",
      description: null,
      cover_url: null,
      visibility: "public",
      clip_count: 0,
      like_count: 0,
      bookmark_count: 0,
      is_liked: false,
      is_bookmarked: false,
      creator: { id: owner.id, username: owner.username },
      preview_clips: [],
    });

    const res = await t.request(`/api/v1/playlists`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.token}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Second" }),
    });
    expect(res.headers.get("location")).toBe(`/api/v1/playlists/${(await json(res)).data.id}`);

    const updated = await apiCall(t, "PATCH", `/playlists/${id}`, owner, {
      description: "Only the best",
      cover_url: "https://example.com/cover.jpg",
      visibility: "unlisted",
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({
      title: "Best clutches",
      description: "Only the best",
      visibility: "unlisted",
    });

    const detail = await apiCall(t, "GET", `/playlists/${id}?page=1&limit=20`, owner);
    expect(detail.body).toMatchObject({ success: true, data: { id, clips: [] }, meta: { page: 1, total: 0 } });

    expect((await apiCall(t, "DELETE", `/playlists/${id}`, owner)).body).toEqual({
      success: true,
      data: { message: "Playlist deleted successfully" },
    });
    expect((await apiCall(t, "GET", `/playlists/${id}`, owner)).status).toBe(404);
  });

  test("bad input is a 400 with the family A error, never a 500", async () => {
    const owner = await createUser(t);
    for (const body of [
      {},
      { title: "   " },
      { title: "x".repeat(101) },
      { title: "ok", description: "x".repeat(501) },
      { title: "ok", visibility: "secret" },
      { title: "ok", cover_url: "javascript:alert(1)" },
    ]) {
      const res = await create(owner, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.success).toBe(false);
    }
    const id = (await create(owner, { title: "Mine" })).body.data.id;
    expect((await apiCall(t, "PATCH", `/playlists/${id}`, owner, {})).status).toBe(400);
    expect((await apiCall(t, "GET", "/playlists/not-a-uuid")).status).toBe(400);
    expect((await apiCall(t, "GET", "/playlists")).status).toBe(401);
    expect((await apiCall(t, "POST", "/playlists", undefined, { title: "x" })).status).toBe(401);
  });

  test("a private playlist is 404 to everyone but its owner; others may read but not edit public ones", async () => {
    const [owner, other] = [await createUser(t), await createUser(t)];
    const moderator = await createUser(t, { role: "moderator" });
    const secret = (await create(owner, { title: "Secret" })).body.data.id;
    const open = (await create(owner, { title: "Open", visibility: "public" })).body.data.id;
    const unlisted = (await create(owner, { title: "Link only", visibility: "unlisted" })).body.data.id;
    const clip = await createClip(t, null);
    for (const id of [secret, open]) await apiCall(t, "POST", `/playlists/${id}/clips`, owner, { clip_id: clip.id });

    expect((await apiCall(t, "GET", `/playlists/${secret}`, owner)).status).toBe(200);
    for (const viewer of [other, moderator, undefined]) {
      expect((await apiCall(t, "GET", `/playlists/${secret}`, viewer)).status).toBe(404);
      expect((await apiCall(t, "GET", `/playlists/${unlisted}`, viewer)).status).toBe(200);
    }
    for (const [method, path, body] of [
      ["PATCH", "", { title: "Mine now" }],
      ["DELETE", "", undefined],
      ["POST", "/clips", { clip_ids: [crypto.randomUUID()] }],
      ["PUT", "/clips/order", { clip_ids: [] }],
      ["DELETE", `/clips/${clip.id}`, undefined],
    ] as const) {
      expect((await apiCall(t, method, `/playlists/${secret}${path}`, other, body)).status, method + path).toBe(404);
      expect((await apiCall(t, method, `/playlists/${open}${path}`, other, body)).status, method + path).toBe(403);
    }
    for (const [id, title] of [
      [secret, "Secret"],
      [open, "Open"],
    ]) {
      const after = (await apiCall(t, "GET", `/playlists/${id}`, owner)).body.data;
      expect(after).toMatchObject({ title, clip_count: 1, clips: [{ id: clip.id }] });
    }
  });

  test("own list holds all of mine, newest edit first; public lists only public ones; featured only those with clips", async () => {
    const [owner, other] = [await createUser(t), await createUser(t)];
    const a = (await create(owner, { title: "A", visibility: "public" })).body.data.id;
    const b = (await create(owner, { title: "B" })).body.data.id;
    const c = (await create(owner, { title: "C", visibility: "unlisted" })).body.data.id;
    await apiCall(t, "PATCH", `/playlists/${a}`, owner, { title: "A2" });

    const mine = await apiCall(t, "GET", "/playlists?page=1&limit=20", owner);
    expect(idsOf(mine.body)).toEqual([a, c, b]);
    expect(mine.body.meta).toEqual({ page: 1, limit: 20, total: 3, total_pages: 1, has_next: false, has_prev: false });
    expect(idsOf((await apiCall(t, "GET", "/playlists", other)).body)).toEqual([]);

    const pub = idsOf((await apiCall(t, "GET", "/playlists/public?limit=100")).body);
    expect(pub).toContain(a);
    expect(pub).not.toContain(b);
    expect(pub).not.toContain(c);

    const featuredBefore = idsOf((await apiCall(t, "GET", "/playlists/featured?page=1&limit=8")).body);
    expect(featuredBefore).not.toContain(a);
    const clip = await createClip(t, owner.id);
    await apiCall(t, "POST", `/playlists/${a}/clips`, owner, { clip_id: clip.id });
    await apiCall(t, "POST", `/playlists/${a}/like`, other);
    const featured = await apiCall(t, "GET", "/playlists/featured?page=1&limit=8");
    expect(featured.body.data[0]).toMatchObject({
      id: a,
      clip_count: 1,
      like_count: 1,
      preview_clips: [{ id: clip.id, title: clip.title, thumbnail_url: clip.thumbnailUrl }],
    });
    expect(featured.body.meta).toMatchObject({ page: 1, limit: 8 });
  });

  test("a user has at most 100 playlists, also when two creates race for the last place", async () => {
    const owner = await createUser(t);
    await t.deps.db
      .insert(playlists)
      .values(Array.from({ length: 99 }, (_, i) => ({ userId: owner.id, title: `P${i}` })));
    const raced = await Promise.all([create(owner, { title: "Last" }), create(owner, { title: "Also last" })]);
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await create(owner, { title: "One too many" })).status).toBe(409);
    expect((await apiCall(t, "GET", "/playlists?limit=1", owner)).body.meta.total).toBe(100);
  });
});

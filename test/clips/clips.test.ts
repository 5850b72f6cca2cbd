import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { clips, clipTags, tags } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let submitter: TestUser;
let moderator: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  submitter = await createUser(t);
  moderator = await createUser(t, { role: "moderator" });
});
afterAll(() => t.close());

const get = async (path: string, user?: TestUser) => {
  const res = await t.request(`/api/v1${path}`, { headers: user?.headers });
  return { status: res.status, body: await json(res) };
};
const uniqueGame = () => `g${randomUUID().slice(0, 12)}`;

describe("GET /clips", () => {
  test("family A page with meta, filters and escaped title search", async () => {
    const game = uniqueGame();
    const percent = await createClip(t, submitter.id, { gameId: game, title: "100% clutch" });
    await createClip(t, submitter.id, { gameId: game, title: "1000 clutch" });
    await createClip(t, null, { gameId: game, title: "scraped 100% clip" });
    const page = await get(`/clips?game_id=${game}&limit=1`);
    expect(page.status).toBe(200);
    expect(page.body.meta).toEqual({ page: 1, limit: 1, total: 2, total_pages: 2, has_next: true, has_prev: false });
    expect(page.body.data[0].submitted_by.id).toBe(submitter.id);
    const search = await get(`/clips?game_id=${game}&search=${encodeURIComponent("100%")}`);
    expect(search.body.data.map((c: { id: string }) => c.id)).toEqual([percent.id]);
    expect((await get(`/clips?game_id=${game}&show_all_clips=true`)).body.meta.total).toBe(3);
    const mine = await get(`/clips?game_id=${game}&submitted_by_user_id=${submitter.id}&page=0&limit=500`);
    expect(mine.body.meta).toMatchObject({ page: 1, limit: 100, total: 2 });
  });

  test("bad filters are 400 in family A", async () => {
    const res = await get("/clips?submitted_by_user_id=nope");
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, error: { code: "VALIDATION_ERROR" } });
    expect((await get("/clips?date_to=tomorrow")).body.error.code).toBe("INVALID_REQUEST");
  });
});

describe("GET /clips/:id", () => {
  test("by UUID or Twitch slug, with viewer state; views are counted in batches", async () => {
    const clip = await createClip(t, submitter.id);
    const viewer = await createUser(t);
    await t.request(`/api/v1/clips/${clip.id}/favorite`, { method: "POST", headers: viewer.headers });
    const byId = await get(`/clips/${clip.id}`, viewer);
    expect(byId.status).toBe(200);
    expect(byId.body.data).toMatchObject({
      id: clip.id,
      is_favorited: true,
      upvote_count: 0,
      submitted_by: { id: submitter.id },
    });
    expect(byId.body.data.embed_url).toContain("?");
    expect((await get(`/clips/${clip.twitchClipId}`)).body.data.id).toBe(clip.id);
    await Promise.all([get(`/clips/${clip.id}`), get(`/clips/${clip.id}`)]);
    await t.background.flush();
    const [row] = await t.deps.db.select({ views: clips.viewCount }).from(clips).where(eq(clips.id, clip.id));
    expect(row!.views).toBe(4);
  });

  test("missing or removed is 404 CLIP_NOT_FOUND; hidden only for the submitter and moderators", async () => {
    const missing = await get(`/clips/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      success: false,
      error: { code: "CLIP_NOT_FOUND", message: expect.any(String) },
      request_id: expect.any(String),
    });
    expect((await get("/clips/bad%20slug!")).status).toBe(404);
    const removed = await createClip(t, submitter.id, { isRemoved: true });
    expect((await get(`/clips/${removed.id}`)).status).toBe(404);
    const hidden = await createClip(t, submitter.id, { isHidden: true });
    expect((await get(`/clips/${hidden.id}`)).status).toBe(404);
    expect((await get(`/clips/${hidden.id}`, await createUser(t))).status).toBe(404);
    expect((await get(`/clips/${hidden.id}`, submitter)).status).toBe(200);
    expect((await get(`/clips/${hidden.id}`, moderator)).status).toBe(200);
  });
});

describe("GET /clips/:id/related", () => {
  test("scores same game +3, same broadcaster +2, +1 per shared tag", async () => {
    const game = uniqueGame();
    const broadcaster = `b${randomUUID().slice(0, 8)}`;
    const source = await createClip(t, submitter.id, { gameId: game, broadcasterId: broadcaster });
    const both = await createClip(t, submitter.id, { gameId: game, broadcasterId: broadcaster });
    const gameOnly = await createClip(t, submitter.id, { gameId: game, broadcasterId: "x", voteScore: 50 });
    const tagged = await createClip(t, submitter.id, { gameId: "other", broadcasterId: broadcaster });
    const [tagRow] = await t.deps.db
      .insert(tags)
      .values({ name: `t-${game}`, slug: `t-${game}` })
      .returning();
    await t.deps.db.insert(clipTags).values([
      { clipId: source.id, tagId: tagRow!.id },
      { clipId: tagged.id, tagId: tagRow!.id },
    ]);
    const res = await get(`/clips/${source.id}/related`);
    expect(res.status).toBe(200);
    const ids = res.body.data.map((c: { id: string }) => c.id);
    expect(ids.slice(0, 3)).toEqual([both.id, gameOnly.id, tagged.id]);
    expect(ids).not.toContain(source.id);
    expect((await get(`/clips/${randomUUID()}/related`)).status).toBe(404);
  });
});

describe("creators and scraped clips", () => {
  test("GET /creators/:name/clips pages a creator's clips; /scraped-clips is an empty page", async () => {
    const name = `creator_${randomUUID().slice(0, 8)}`;
    await createClip(t, submitter.id, { creatorName: name });
    await createClip(t, submitter.id, { creatorName: name.toUpperCase() });
    const res = await get(`/creators/${name}/clips?limit=1`);
    expect(res.status).toBe(200);
    expect(res.body.meta).toMatchObject({ page: 1, limit: 1, total: 2, has_next: true });
    expect(await get("/scraped-clips?page=2&limit=10").then((r) => r.body)).toEqual({
      success: true,
      data: [],
      meta: { page: 2, limit: 10, total: 0, total_pages: 0, has_next: false, has_prev: true },
    });
  });
});

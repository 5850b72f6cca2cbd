import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { clips } from "../../src/db/schema";
import { cacheStats } from "../../src/platform/cache/stats";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let voter: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  voter = await createUser(t);
}, 120_000);
afterAll(() => t.close());

/** Factory inserts bypass the API's write paths, so they announce the new clip the way publishing does. */
async function newClip(submitter: string | null) {
  const clip = await createClip(t, submitter);
  await t.deps.caching.invalidate("feeds");
  return clip;
}

const stats = (namespace: string) => cacheStats()[namespace] ?? { hits: 0, misses: 0, errors: 0 };
const feed = async () => json(await t.request("/api/v1/feeds/clips?sort=new&limit=100"));
const scoreOn = (body: { clips: { id: string; vote_score: number }[] }, id: string) =>
  body.clips.find((c) => c.id === id)?.vote_score;

const vote = (clipId: string, value: number) =>
  t.request(`/api/v1/clips/${clipId}/vote`, {
    method: "POST",
    headers: voter.headers,
    body: JSON.stringify({ vote: value }),
  });

describe("cached reads through the API", () => {
  test("the anonymous feed is served from the cache after the first request", async () => {
    await newClip(voter.id);
    const path = "/api/v1/feeds/clips?sort=new&limit=100";
    const first = await t.request(path);
    const [lists, bodies, texts, rows] = [stats("feed-lists"), stats("feed-bodies"), stats("clip-json"), stats("clip")];
    // Another Accept-Encoding than the first request's: not the response memo's entry (test/http/response-memo.test.ts).
    const res = await t.request(path, { headers: { "Accept-Encoding": "identity" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toStartWith("application/json");
    // The stored body is sent as it is: no clip's row or JSON is read again.
    expect(stats("feed-lists")).toMatchObject({ hits: lists.hits + 1, misses: lists.misses });
    expect(stats("feed-bodies")).toMatchObject({ hits: bodies.hits + 1, misses: bodies.misses });
    expect(stats("clip-json")).toEqual(texts);
    expect(stats("clip")).toEqual(rows);
    expect(await res.text()).toBe(await first.text());
  });

  test("clip detail by id and by slug is served from the cache after the first request", async () => {
    const clip = await newClip(voter.id);
    for (const id of [clip.id, clip.twitchClipId]) {
      const first = await json(await t.request(`/api/v1/clips/${id}`));
      const before = stats("clip-json");
      const again = await json(await t.request(`/api/v1/clips/${id}`, { headers: { "Accept-Encoding": "identity" } }));
      expect(stats("clip-json").hits).toBe(before.hits + 1);
      expect(again.data).toEqual(first.data);
      expect(again.data.submitted_by.id).toBe(voter.id);
    }
  });

  test("a vote shows at once on the anonymous feed and the clip detail", async () => {
    const clip = await newClip(voter.id);
    expect(scoreOn(await feed(), clip.id)).toBe(0);
    expect((await json(await t.request(`/api/v1/clips/${clip.id}`))).data.vote_score).toBe(0);

    expect((await vote(clip.id, 1)).status).toBe(200);
    expect(scoreOn(await feed(), clip.id)).toBe(1);
    expect((await json(await t.request(`/api/v1/clips/${clip.id}`))).data.vote_score).toBe(1);

    expect((await vote(clip.id, -1)).status).toBe(200);
    expect(scoreOn(await feed(), clip.id)).toBe(-1);
    expect((await json(await t.request(`/api/v1/clips/${clip.id}`))).data.vote_score).toBe(-1);
  });

  test("a signed-in viewer gets their own vote on top of the shared cached page", async () => {
    const clip = await newClip(voter.id);
    await vote(clip.id, 1);
    await feed();
    const mine = await json(await t.request("/api/v1/feeds/clips?sort=new&limit=100", { headers: voter.headers }));
    const other = await createUser(t);
    const theirs = await json(await t.request("/api/v1/feeds/clips?sort=new&limit=100", { headers: other.headers }));
    expect(mine.clips.find((c: { id: string }) => c.id === clip.id).user_vote).toBe(1);
    expect(theirs.clips.find((c: { id: string }) => c.id === clip.id).user_vote).toBeUndefined();
  });

  test("clip detail is cached until that clip changes through the API", async () => {
    const clip = await newClip(voter.id);
    expect((await json(await t.request(`/api/v1/clips/${clip.id}`))).data.title).toBe(clip.title);
    // A change behind the API's back is not seen: the row came from the cache.
    await t.deps.db.update(clips).set({ title: "Changed in the database" }).where(eq(clips.id, clip.id));
    expect((await json(await t.request(`/api/v1/clips/${clip.id}`))).data.title).toBe(clip.title);
    const res = await t.request(`/api/v1/clips/${clip.id}/metadata`, {
      method: "PUT",
      headers: voter.headers,
      body: JSON.stringify({ title: "Edited through the API" }),
    });
    expect(res.status).toBe(200);
    expect((await json(await t.request(`/api/v1/clips/${clip.id}`))).data.title).toBe("Edited through the API");
  });

  test("hiding a clip removes it from the cached feed and detail at once", async () => {
    const clip = await newClip(voter.id);
    expect(scoreOn(await feed(), clip.id)).toBe(0);
    const res = await t.request(`/api/v1/clips/${clip.id}/visibility`, {
      method: "PUT",
      headers: voter.headers,
      body: JSON.stringify({ is_hidden: true }),
    });
    expect(res.status).toBe(200);
    expect(scoreOn(await feed(), clip.id)).toBeUndefined();
    expect((await t.request(`/api/v1/clips/${clip.id}`)).status).toBe(404);
  });

  test("a new comment updates comment_count on the cached detail", async () => {
    const clip = await newClip(voter.id);
    expect((await json(await t.request(`/api/v1/clips/${clip.id}`))).data.comment_count).toBe(0);
    const res = await t.request(`/api/v1/clips/${clip.id}/comments`, {
      method: "POST",
      headers: voter.headers,
      body: JSON.stringify({ content: "A comment that is long enough" }),
    });
    expect(res.status).toBe(201);
    expect((await json(await t.request(`/api/v1/clips/${clip.id}`))).data.comment_count).toBe(1);
  });

  test("concurrent anonymous misses on one feed page run one load", async () => {
    await t.deps.caching.invalidate("feeds");
    const before = stats("feed-lists");
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => t.request("/api/v1/feeds/clips?sort=top&limit=7")),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(stats("feed-lists").misses).toBe(before.misses + 1);
  });

  test("with the cache store failing, reads still answer 200 from the database", async () => {
    const clip = await newClip(voter.id);
    const { cache } = t.deps;
    const original = { get: cache.get, set: cache.set, setIfAbsent: cache.setIfAbsent };
    const down = () => Promise.reject(new Error("cache down"));
    Object.assign(cache, { get: down, set: down, setIfAbsent: down });
    try {
      const res = await t.request("/api/v1/feeds/clips?sort=new&limit=100");
      expect(res.status).toBe(200);
      expect(scoreOn(await json(res), clip.id)).toBe(0);
      expect((await t.request(`/api/v1/clips/${clip.id}`)).status).toBe(200);
      expect((await vote(clip.id, 1)).status).toBe(200);
      expect(scoreOn(await feed(), clip.id)).toBe(1);
    } finally {
      Object.assign(cache, original);
    }
  });
});

describe.if(!!process.env.TEST_REDIS_URL)("with Redis gone", () => {
  test("feeds and clip detail still answer 200, uncached", async () => {
    const ctx = await createTestContext();
    try {
      const clip = await createClip(ctx, (await createUser(ctx)).id);
      ctx.deps.redis!.disconnect();
      expect((await ctx.request("/api/v1/feeds/clips")).status).toBe(200);
      expect((await ctx.request(`/api/v1/clips/${clip.id}`)).status).toBe(200);
    } finally {
      await ctx.close();
    }
  });
});

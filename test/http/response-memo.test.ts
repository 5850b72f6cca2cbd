import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { clips } from "../../src/db/schema";
import { cacheStats } from "../../src/platform/cache/stats";
import { httpRequests } from "../../src/platform/metrics/registry";
import { apiCall } from "../support/api";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

/**
 * Signed-out feed pages and clip details are replayed from the response memo (src/http/response-memo.ts) while
 * their scopes keep their versions: the same bytes and headers as the first answer, a request id of their own, and
 * any write those answers depend on showing at once. Runs on the embedded default and on real Redis.
 */
let t: TestContext;
let owner: TestUser;
let voter: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  owner = await createUser(t);
  voter = await createUser(t);
}, 120_000);
afterAll(() => t.close());

const replays = () => (cacheStats().responses ?? { hits: 0 }).hits;
const game = () => `g${randomUUID().slice(0, 12)}`;
async function feedClip() {
  const gameId = game();
  const clip = await createClip(t, owner.id, { gameId });
  // Factory inserts bypass the write paths, so they announce the clip the way publishing does.
  await t.deps.caching.invalidate("feeds");
  return { clip, path: `/api/v1/feeds/clips?game_id=${gameId}` };
}

/**
 * Requests `path` until an answer is a replay (at most five times) and returns the last answer that was not. With
 * Redis, an answer built while a scope's bump was still on its way (a factory insert's invalidation just before) is
 * not stored, so storing can take a second request.
 */
async function untilReplayed(path: string, init?: RequestInit): Promise<Response> {
  let built: Response | undefined;
  for (let i = 0; i < 5; i++) {
    const before = replays();
    const res = await t.request(path, init);
    if (replays() > before) return built!;
    built = res;
  }
  throw new Error(`${path} was never replayed`);
}

describe("the response memo", () => {
  test("a repeated signed-out request is the stored answer replayed, with a request id of its own", async () => {
    const { path } = await feedClip();
    const first = await untilReplayed(path);
    const before = replays();
    const again = await t.request(path, { headers: { "X-Request-Id": "caller-chosen-id" } });
    expect(replays()).toBe(before + 1);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(await first.text());
    for (const name of ["content-type", "etag", "cache-control", "vary", "x-content-type-options"]) {
      expect(again.headers.get(name)).toBe(first.headers.get(name));
    }
    expect(again.headers.get("x-request-id")).toBe("caller-chosen-id");
    const third = await t.request(path);
    expect(third.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
  });

  test("a vote on a page's clip shows at once: the stored answer is not replayed", async () => {
    const { clip, path } = await feedClip();
    expect((await json(await untilReplayed(path))).clips[0].vote_score).toBe(0);
    expect((await apiCall(t, "POST", `/clips/${clip.id}/vote`, voter, { vote: 1 })).status).toBe(200);
    expect((await json(await t.request(path))).clips[0].vote_score).toBe(1);
  });

  test("If-None-Match naming the stored ETag is a bodiless 304 from the replay", async () => {
    const { path } = await feedClip();
    const etag = (await untilReplayed(path)).headers.get("etag")!;
    const before = replays();
    const res = await t.request(path, { headers: { "If-None-Match": etag } });
    expect(res.status).toBe(304);
    expect(replays()).toBe(before + 1);
    expect(res.headers.get("etag")).toBe(etag);
    expect(res.headers.get("content-type")).toBeNull();
    expect(await res.text()).toBe("");
  });

  test("each Accept-Encoding has its own entry; a compressed replay is the same JSON", async () => {
    const { path } = await feedClip();
    const plain = await (await t.request(path, { headers: { "Accept-Encoding": "identity" } })).text();
    const gzip = { headers: { "Accept-Encoding": "gzip" } };
    await untilReplayed(path, gzip);
    const before = replays();
    const res = await t.request(path, gzip);
    expect(replays()).toBe(before + 1);
    // The body is at or above the compression threshold only with enough clips; compare the decoded text either way.
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text =
      res.headers.get("content-encoding") === "gzip" ? gunzipSync(bytes).toString() : Buffer.from(bytes).toString();
    expect(text).toBe(plain);
  });

  test("request headers over the limit are a 431 on a stored URL too", async () => {
    const { path } = await feedClip();
    await untilReplayed(path);
    const res = await t.request(path, { headers: { "X-Filler": "x".repeat(t.deps.config.http.maxHeaderBytes) } });
    expect(res.status).toBe(431);
  });

  test("signed-in callers are never answered from it", async () => {
    const { clip, path } = await feedClip();
    await untilReplayed(path);
    expect((await apiCall(t, "POST", `/clips/${clip.id}/vote`, voter, { vote: -1 })).status).toBe(200);
    const before = replays();
    const mine = await json(await t.request(path, { headers: voter.headers }));
    expect(mine.clips[0]).toMatchObject({ vote_score: -1, user_vote: -1 });
    const cookie = await t.request(path, { headers: { Cookie: `refresh_token=x; access_token=${voter.token}` } });
    expect((await json(cookie)).clips[0].user_vote).toBe(-1);
    expect(replays()).toBe(before);
  });

  test("a replayed clip detail still counts its view, and is counted in the request metrics", async () => {
    const { clip } = await feedClip();
    const path = `/api/v1/clips/${clip.id}`;
    const served = async () => {
      const { values } = (await httpRequests.get()) as { values: { labels: Record<string, string>; value: number }[] };
      const { route, status, method } = { route: "/api/v1/clips/:id", status: "200", method: "GET" };
      const series = values.find(
        (v) => v.labels.route === route && v.labels.status === status && v.labels.method === method,
      );
      return series?.value ?? 0;
    };
    const [before, replaysBefore] = [await served(), replays()];
    for (let i = 0; i < 5; i++) expect((await t.request(path)).status).toBe(200);
    expect(replays()).toBeGreaterThanOrEqual(replaysBefore + 3);
    expect(await served()).toBe(before + 5);
    await t.background.flush();
    const [row] = await t.deps.db.select({ views: clips.viewCount }).from(clips).where(eq(clips.id, clip.id));
    expect(row!.views).toBe(5);
  });
});

describe("with the cache off", () => {
  test("nothing is replayed", async () => {
    const off = await createTestContext({ CACHE_ENABLED: "false" });
    try {
      const before = replays();
      for (let i = 0; i < 3; i++) expect((await off.request("/api/v1/feeds/clips")).status).toBe(200);
      expect(replays()).toBe(before);
    } finally {
      await off.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client";
import { cacheStats } from "../../src/platform/cache/stats";
import type { EmbeddingProvider } from "../../src/platform/embeddings/provider";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";
import { searchPath, uniqueWord } from "./fixtures";

let t: TestContext;
let user: TestUser;
beforeAll(async () => {
  t = await createTestContext({ EMBEDDING_PROVIDER: "hashing" });
  user = await createUser(t);
}, 120_000);
afterAll(() => t.close());

const stats = () => cacheStats()["search-bodies"] ?? { hits: 0, misses: 0, errors: 0 };
const search = (word: string, headers: Record<string, string> = {}) =>
  t.request(searchPath({ q: word, type: "clips" }), { headers });
async function logged(word: string) {
  await t.deps.searchLog.flush();
  const [row] = await queryRows<{ n: number }>(
    t.deps.db,
    sql`select count(*)::int as n from search_queries where query = ${word}`,
  );
  return row!.n;
}

describe("search responses are shared through the cache", () => {
  test("a repeated search is answered from the cache, byte for byte, and still logged", async () => {
    const word = uniqueWord();
    await createClip(t, user.id, { title: `${word} moment` });
    const first = await search(word);
    const before = stats();
    const again = await search(word);
    expect(again.status).toBe(200);
    expect(again.headers.get("content-type")).toStartWith("application/json");
    expect(stats()).toMatchObject({ hits: before.hits + 1, misses: before.misses });
    expect(await again.text()).toBe(await first.text());
    expect(await logged(word)).toBe(2);
  });

  test("a signed-in search shares the cached response, with the viewer's own vote and favourite on top", async () => {
    const word = uniqueWord();
    const clip = await createClip(t, user.id, { title: `${word} moment` });
    const other = await createUser(t);
    const post = (path: string, body?: object) =>
      t.request(path, { method: "POST", headers: other.headers, body: body && JSON.stringify(body) });
    expect((await post(`/api/v1/clips/${clip.id}/vote`, { vote: -1 })).status).toBe(200);
    expect((await post(`/api/v1/clips/${clip.id}/favorite`)).status).toBeLessThan(300);

    const anonymous = (await json(await search(word))).results.clips[0];
    expect(anonymous.user_vote).toBeUndefined();
    expect(anonymous.is_favorited).toBe(false);
    const before = stats();
    const mine = (await json(await search(word, other.headers))).results.clips[0];
    expect(stats()).toMatchObject({ hits: before.hits + 1, misses: before.misses });
    expect(mine).toMatchObject({ id: clip.id, user_vote: -1, is_favorited: true, vote_score: -1 });
    const theirs = (await json(await search(word, user.headers))).results.clips[0];
    expect(theirs.user_vote).toBeUndefined();
    expect(theirs.is_favorited).toBe(false);
    expect(await logged(word)).toBe(3);
  });

  test("a vote shows at once, from the voted clip's JSON: the stored ranking is kept", async () => {
    const word = uniqueWord();
    const clip = await createClip(t, user.id, { title: `${word} moment` });
    const other = await createClip(t, user.id, { title: `${word} other moment` });
    const first = (await json(await search(word))).results.clips as { id: string; vote_score: number }[];
    expect(first.map((c) => c.vote_score)).toEqual([0, 0]);
    const vote = await t.request(`/api/v1/clips/${clip.id}/vote`, {
      method: "POST",
      headers: user.headers,
      body: JSON.stringify({ vote: 1 }),
    });
    expect(vote.status).toBe(200);
    const before = stats();
    const after = (await json(await search(word))).results.clips as { id: string; vote_score: number }[];
    expect(stats()).toMatchObject({ hits: before.hits + 1, misses: before.misses });
    expect(after.map((c) => c.id)).toEqual(first.map((c) => c.id));
    expect(Object.fromEntries(after.map((c) => [c.id, c.vote_score]))).toEqual({ [clip.id]: 1, [other.id]: 0 });
  });

  test("a query that spells the clips array's place does not move where the clips go", async () => {
    const word = uniqueWord();
    await createClip(t, user.id, { title: `${word} moment` });
    const q = `${word} "results":{"clips":[]`;
    const res = await t.request(searchPath({ q, type: "all" }));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.query).toBe(q);
    expect(Array.isArray(body.results.clips)).toBe(true);
  });

  test("a degraded response is never stored: the next search tries the vector leg again", async () => {
    const word = uniqueWord();
    await createClip(t, user.id, { title: `${word} moment` });
    const working = t.deps.embeddings;
    const failing: EmbeddingProvider = {
      ...working,
      embed: async () => {
        throw new Error("model unavailable");
      },
    };
    t.deps.embeddings = failing;
    try {
      const degraded = await search(word);
      expect(degraded.headers.get("x-search-degraded")).toBe("vector");
    } finally {
      t.deps.embeddings = working;
    }
    const before = stats();
    const healthy = await search(word);
    expect(healthy.headers.get("x-search-degraded")).toBeNull();
    expect(stats()).toMatchObject({ hits: before.hits, misses: before.misses + 1 });
  });
});

describe.skipIf(!process.env.TEST_REDIS_URL)("search response lifetime (real Redis)", () => {
  test("a PostgreSQL-engine response is stored for about a minute, not seconds", async () => {
    const word = uniqueWord();
    await createClip(t, user.id, { title: `${word} lifetime` });
    expect((await search(word)).status).toBe(200);
    const redis = t.deps.redis!;
    const keys = await redis.keys(`*search-bodies*${word}*`);
    expect(keys.length).toBeGreaterThan(0);
    const ttls = await Promise.all(keys.map((k) => redis.ttl(k)));
    for (const ttl of ttls) expect(ttl).toBeGreaterThan(30);
  });
});

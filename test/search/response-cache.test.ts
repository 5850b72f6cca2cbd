import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client";
import { flushSearchLog } from "../../src/modules/search/query-log";
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
  await flushSearchLog();
  const [row] = await queryRows<{ n: number }>(
    t.deps.db,
    sql`select count(*)::int as n from search_queries where query = ${word}`,
  );
  return row!.n;
}

describe("signed-out search responses are shared through the cache", () => {
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

  test("signed-in searches always run (they carry the viewer's votes)", async () => {
    const word = uniqueWord();
    await createClip(t, user.id, { title: `${word} moment` });
    const before = stats();
    for (let i = 0; i < 2; i++) expect((await search(word, user.headers)).status).toBe(200);
    expect(stats()).toEqual(before);
  });

  test("a vote through the API invalidates the cached response", async () => {
    const word = uniqueWord();
    const clip = await createClip(t, user.id, { title: `${word} moment` });
    expect((await json(await search(word))).results.clips[0].vote_score).toBe(0);
    const vote = await t.request(`/api/v1/clips/${clip.id}/vote`, {
      method: "POST",
      headers: user.headers,
      body: JSON.stringify({ vote: 1 }),
    });
    expect(vote.status).toBe(200);
    expect((await json(await search(word))).results.clips[0].vote_score).toBe(1);
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

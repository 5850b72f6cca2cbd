import { describe, expect, test } from "bun:test";
import { createMemoryCache } from "../../src/platform/cache/memory-cache";
import { createHashingProvider } from "../../src/platform/embeddings/hashing";
import type { EmbeddingProvider } from "../../src/platform/embeddings/provider";
import { embedQuery } from "../../src/platform/embeddings/query-cache";

function counting(model: string) {
  const inner = createHashingProvider();
  const seen: string[][] = [];
  const provider: EmbeddingProvider = {
    model,
    dimensions: 512,
    embed: (texts) => {
      seen.push(texts);
      return inner.embed(texts);
    },
  };
  return { provider, seen };
}

describe("query embedding cache", () => {
  test("a repeated query (after normalisation) is served from the cache for a day", async () => {
    let now = 1_000_000;
    const cache = createMemoryCache(100, () => now);
    const { provider, seen } = counting("model-a");
    const first = await embedQuery(cache, provider, "Crazy Headshot");
    const again = await embedQuery(cache, provider, "  crazy   HEADSHOT ");
    expect(seen).toEqual([["crazy headshot"]]);
    for (let i = 0; i < 512; i++) expect(again[i]).toBeCloseTo(first[i]!, 6);

    now += 86_401_000;
    await embedQuery(cache, provider, "crazy headshot");
    expect(seen).toHaveLength(2);
  });

  test("entries are per model", async () => {
    const cache = createMemoryCache();
    const a = counting("model-a");
    const b = counting("model-b");
    await embedQuery(cache, a.provider, "ace round");
    await embedQuery(cache, b.provider, "ace round");
    expect(a.seen).toHaveLength(1);
    expect(b.seen).toHaveLength(1);
  });
});

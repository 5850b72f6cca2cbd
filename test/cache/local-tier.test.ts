import { describe, expect, test } from "bun:test";
import { loadConfig } from "../../src/config";
import { createCacheAside } from "../../src/platform/cache/cache-aside";
import { createLocalTier } from "../../src/platform/cache/local-tier";
import { createMemoryCache } from "../../src/platform/cache/memory-cache";
import { createLogger } from "../../src/platform/logger";

const logger = createLogger(loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }));

describe("local tier", () => {
  test("entries expire after the tier's TTL", () => {
    let now = 0;
    const tier = createLocalTier({ maxChars: 100, ttlMs: 1000 }, () => now);
    tier.set("k", "value", 60);
    now = 999;
    expect(tier.get("k")).toBe("value");
    now = 1000;
    expect(tier.get("k")).toBeUndefined();
  });

  test("an entry with a short TTL of its own is kept for a fifth of it", () => {
    let now = 0;
    const tier = createLocalTier({ maxChars: 100, ttlMs: 5000 }, () => now);
    tier.set("short", "value", 5);
    now = 999;
    expect(tier.get("short")).toBe("value");
    now = 1000;
    expect(tier.get("short")).toBeUndefined();
  });

  test("the oldest entries go when the character budget is exceeded; an oversized value is never kept", () => {
    const tier = createLocalTier({ maxChars: 40, ttlMs: 60_000 });
    for (const [key, char] of [
      ["a", "x"],
      ["b", "y"],
      ["c", "z"],
      ["d", "w"],
      ["e", "v"],
    ]) {
      tier.set(key!, char!.repeat(10), 60);
    }
    expect(tier.get("a")).toBeUndefined();
    expect(["b", "c", "d", "e"].map((k) => tier.get(k)?.length)).toEqual([10, 10, 10, 10]);
    tier.set("huge", "h".repeat(11), 60);
    expect(tier.get("huge")).toBeUndefined();
  });

  test("in front of a shared store, an invalidation through another instance is seen at once", async () => {
    const shared = createMemoryCache();
    const tier = () => createLocalTier({ maxChars: 10_000, ttlMs: 60_000 });
    const one = createCacheAside(shared, logger, { local: tier() });
    const two = createCacheAside(shared, logger, { local: tier() });
    let loads = 0;
    const load = (value: string) => async () => {
      loads += 1;
      return value;
    };
    expect(await two.cached("local-ns", ["x"], 60, load("old"))).toBe("old");
    expect(await two.cached("local-ns", ["x"], 60, load("unused"))).toBe("old");
    expect(loads).toBe(1);
    await one.invalidate("local-ns");
    expect(await two.cached("local-ns", ["x"], 60, load("new"))).toBe("new");
  });

  test("a hit in the tier skips the shared store", async () => {
    const shared = createMemoryCache();
    let reads = 0;
    const counted = {
      ...shared,
      get: (key: string) => {
        if (key.startsWith("c:")) reads += 1;
        return shared.get(key);
      },
    };
    const caching = createCacheAside(counted, logger, { local: createLocalTier({ maxChars: 10_000, ttlMs: 60_000 }) });
    await caching.cached("tier-ns", ["y"], 60, async () => "v");
    const before = reads;
    for (let i = 0; i < 5; i++) expect(await caching.cached("tier-ns", ["y"], 60, async () => "unused")).toBe("v");
    expect(reads).toBe(before);
  });
});

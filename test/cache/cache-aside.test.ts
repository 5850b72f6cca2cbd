import { describe, expect, setSystemTime, test } from "bun:test";
import { loadConfig } from "../../src/config";
import type { Cache } from "../../src/platform/cache/cache";
import { createCacheAside, jitter, plainText } from "../../src/platform/cache/cache-aside";
import { createMemoryCache } from "../../src/platform/cache/memory-cache";
import { cacheStats } from "../../src/platform/cache/stats";
import { createLogger } from "../../src/platform/logger";

const logger = createLogger(loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }));
const ns = () => `ns-${crypto.randomUUID().slice(0, 8)}`;

function counting<T>(value: T, delayMs = 0) {
  const calls = { n: 0 };
  const load = async () => {
    calls.n += 1;
    if (delayMs) await Bun.sleep(delayMs);
    return value;
  };
  return { calls, load };
}

describe("cache-aside", () => {
  test("a miss loads and stores; the next read is a hit", async () => {
    const caching = createCacheAside(createMemoryCache(), logger);
    const namespace = ns();
    const { calls, load } = counting({ a: 1 });
    expect(await caching.cached(namespace, ["k"], 60, load)).toEqual({ a: 1 });
    expect(await caching.cached(namespace, ["k"], 60, load)).toEqual({ a: 1 });
    expect(calls.n).toBe(1);
    expect(cacheStats()[namespace]).toEqual({ hits: 1, misses: 1, errors: 0 });
  });

  test("key parts separate entries", async () => {
    const caching = createCacheAside(createMemoryCache(), logger);
    const namespace = ns();
    expect(await caching.cached(namespace, ["a", 1], 60, async () => "one")).toBe("one");
    expect(await caching.cached(namespace, ["a", 2], 60, async () => "two")).toBe("two");
    expect(await caching.cached(namespace, ["a:1"], 60, async () => "three")).toBe("three");
  });

  test("invalidating a scope orphans exactly the keys that depend on it", async () => {
    const caching = createCacheAside(createMemoryCache(), logger);
    const namespace = ns();
    const a = counting("a");
    const b = counting("b");
    await caching.cached(namespace, ["a"], 60, a.load, { dependsOn: ["scope-a"] });
    await caching.cached(namespace, ["b"], 60, b.load, { dependsOn: ["scope-b"] });
    await caching.invalidate("scope-a");
    await caching.cached(namespace, ["a"], 60, a.load, { dependsOn: ["scope-a"] });
    await caching.cached(namespace, ["b"], 60, b.load, { dependsOn: ["scope-b"] });
    expect([a.calls.n, b.calls.n]).toEqual([2, 1]);
  });

  test("invalidation through one instance is seen by another sharing the store", async () => {
    const shared = createMemoryCache();
    const one = createCacheAside(shared, logger);
    const two = createCacheAside(shared, logger);
    const namespace = ns();
    await one.cached(namespace, ["x"], 60, async () => "old");
    expect(await two.cached(namespace, ["x"], 60, async () => "unused")).toBe("old");
    await one.invalidate(namespace);
    expect(await two.cached(namespace, ["x"], 60, async () => "new")).toBe("new");
  });

  test("concurrent misses share one load (single-flight)", async () => {
    const caching = createCacheAside(createMemoryCache(), logger);
    const namespace = ns();
    const { calls, load } = counting([1, 2, 3], 30);
    const results = await Promise.all(Array.from({ length: 20 }, () => caching.cached(namespace, ["p"], 60, load)));
    expect(calls.n).toBe(1);
    expect(results.every((r) => JSON.stringify(r) === "[1,2,3]")).toBe(true);
  });

  test("a failed load is not cached and the next read loads again", async () => {
    const caching = createCacheAside(createMemoryCache(), logger);
    const namespace = ns();
    await expect(caching.cached(namespace, ["f"], 60, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await caching.cached(namespace, ["f"], 60, async () => "ok")).toBe("ok");
  });

  test("null and undefined results are not stored", async () => {
    const caching = createCacheAside(createMemoryCache(), logger);
    const namespace = ns();
    const { calls, load } = counting(undefined);
    await caching.cached(namespace, ["u"], 60, load);
    await caching.cached(namespace, ["u"], 60, load);
    expect(calls.n).toBe(2);
  });

  test("revive rebuilds values from a hit", async () => {
    const caching = createCacheAside(createMemoryCache(), logger);
    const namespace = ns();
    const revive = (v: { at: Date | string }) => ({ at: new Date(v.at) });
    await caching.cached(namespace, ["d"], 60, async () => ({ at: new Date(0) }), { revive });
    const hit = await caching.cached(namespace, ["d"], 60, async () => ({ at: new Date(1) }), { revive });
    expect(hit.at).toBeInstanceOf(Date);
    expect(hit.at.getTime()).toBe(0);
  });

  test("an evicted version key never brings back an entry stored under an older version", async () => {
    const cache = createMemoryCache(3);
    const caching = createCacheAside(cache, logger);
    const namespace = ns();
    await caching.cached(namespace, ["x"], 60, async () => "v0");
    await caching.invalidate(namespace);
    await cache.del(`v:${namespace}`);
    expect(await caching.cached(namespace, ["x"], 60, async () => "fresh")).toBe("fresh");
  });

  test("TTL jitter stays within ±10 %", () => {
    expect(jitter(100, () => 0)).toBe(90);
    expect(jitter(100, () => 1)).toBe(110);
    expect(jitter(1, () => 0)).toBe(1);
    for (let i = 0; i < 100; i++) {
      const ttl = jitter(600);
      expect(ttl).toBeGreaterThanOrEqual(540);
      expect(ttl).toBeLessThanOrEqual(660);
    }
  });

  test("a failing store serves every read from the loader and counts the errors", async () => {
    const down = new Error("connection refused");
    const failing: Cache = {
      ...createMemoryCache(),
      get: () => Promise.reject(down),
      set: () => Promise.reject(down),
      setIfAbsent: () => Promise.reject(down),
    };
    const caching = createCacheAside(failing, logger);
    const namespace = ns();
    const { calls, load } = counting("value");
    expect(await caching.cached(namespace, ["k"], 60, load)).toBe("value");
    expect(await caching.cached(namespace, ["k"], 60, load)).toBe("value");
    await caching.invalidate(namespace);
    expect(calls.n).toBe(2);
    expect(cacheStats()[namespace]?.errors).toBeGreaterThanOrEqual(2);
  });

  test("disabled, every read is a load", async () => {
    const caching = createCacheAside(createMemoryCache(), logger, { enabled: false });
    const { calls, load } = counting(1);
    await caching.cached(ns(), ["k"], 60, load);
    await caching.cached(ns(), ["k"], 60, load);
    expect(calls.n).toBe(2);
  });
});

describe("cache-aside, many entries at once (cachedMany)", () => {
  const scopeOf = (id: string) => `item:${id}`;
  /** A loader of "<id>!" for each id asked, except those in `absent`; it records every batch it was asked for. */
  function batches(absent: string[] = [], delayMs = 0) {
    const asked: string[][] = [];
    const load = async (ids: string[]) => {
      asked.push(ids);
      if (delayMs) await Bun.sleep(delayMs);
      return new Map(ids.filter((id) => !absent.includes(id)).map((id) => [id, `${id}!`]));
    };
    return { asked, load };
  }
  type Loader = (ids: string[]) => Promise<Map<string, string>>;
  const many = (caching: ReturnType<typeof createCacheAside>, namespace: string, ids: string[], load: Loader) =>
    caching.cachedMany(namespace, ids, 60, load, { codec: plainText, scopeOf });

  test("the misses load in one batch, in order; the next read is all hits", async () => {
    const caching = createCacheAside(createMemoryCache(), logger);
    const namespace = ns();
    const { asked, load } = batches();
    expect(await many(caching, namespace, ["a", "b"], load)).toEqual(["a!", "b!"]);
    expect(await many(caching, namespace, ["c", "b", "a"], load)).toEqual(["c!", "b!", "a!"]);
    expect(asked).toEqual([["a", "b"], ["c"]]);
    expect(cacheStats()[namespace]).toEqual({ hits: 2, misses: 3, errors: 0 });
  });

  test("each id is under its own scope: invalidating one reloads only that one", async () => {
    const caching = createCacheAside(createMemoryCache(), logger);
    const namespace = ns();
    const { asked, load } = batches();
    await many(caching, namespace, ["a", "b", "c"], load);
    await caching.invalidate(scopeOf("b"));
    await many(caching, namespace, ["a", "b", "c"], load);
    expect(asked).toEqual([["a", "b", "c"], ["b"]]);
  });

  test("an entry read alone (cached with the id's scope) is the same entry", async () => {
    const caching = createCacheAside(createMemoryCache(), logger);
    const namespace = ns();
    const { asked, load } = batches();
    await caching.cachedText(namespace, ["a"], 60, async () => "alone", {
      codec: plainText,
      dependsOn: [scopeOf("a")],
    });
    expect(await many(caching, namespace, ["a", "b"], load)).toEqual(["alone", "b!"]);
    expect(asked).toEqual([["b"]]);
  });

  test("an id the loader leaves out is undefined and asked for again next time", async () => {
    const caching = createCacheAside(createMemoryCache(), logger);
    const namespace = ns();
    const { asked, load } = batches(["gone"]);
    expect(await many(caching, namespace, ["a", "gone"], load)).toEqual(["a!", undefined]);
    expect(await many(caching, namespace, ["a", "gone"], load)).toEqual(["a!", undefined]);
    expect(asked).toEqual([["a", "gone"], ["gone"]]);
  });

  test("concurrent reads missing the same ids share one load", async () => {
    const caching = createCacheAside(createMemoryCache(), logger);
    const namespace = ns();
    const { asked, load } = batches([], 30);
    const results = await Promise.all(Array.from({ length: 10 }, () => many(caching, namespace, ["x", "y"], load)));
    expect(asked).toEqual([["x", "y"]]);
    expect(results.every((r) => r.join() === "x!,y!")).toBe(true);
  });

  test("with the store failing, or disabled, every read is one load of all the ids", async () => {
    const down = () => Promise.reject(new Error("connection refused"));
    const failing: Cache = { ...createMemoryCache(), get: down, set: down, setIfAbsent: down };
    for (const caching of [
      createCacheAside(failing, logger),
      createCacheAside(createMemoryCache(), logger, { enabled: false }),
    ]) {
      const { asked, load } = batches();
      const namespace = ns();
      expect(await many(caching, namespace, ["a", "b"], load)).toEqual(["a!", "b!"]);
      expect(await many(caching, namespace, ["a", "b"], load)).toEqual(["a!", "b!"]);
      expect(asked).toEqual([
        ["a", "b"],
        ["a", "b"],
      ]);
    }
  });
});

describe("refresh ahead", () => {
  test("past its TTL an entry is still answered while one background load replaces it", async () => {
    const caching = createCacheAside(createMemoryCache(), logger);
    const namespace = ns();
    let version = 0;
    let loads = 0;
    const load = async () => {
      loads += 1;
      await Bun.sleep(20);
      return `v${++version}`;
    };
    const read = () => caching.cachedText(namespace, ["k"], 60, load, { codec: plainText, refreshAhead: true });
    try {
      expect(await read()).toBe("v1");
      setSystemTime(new Date(Date.now() + 61_000));
      // Three callers past the TTL: all answered at once from the entry, one load between them.
      expect(await Promise.all([read(), read(), read()])).toEqual(["v1", "v1", "v1"]);
      await Bun.sleep(50);
      expect(loads).toBe(2);
      expect(await read()).toBe("v2");
      // Past twice the TTL (±10 %) the entry is gone: a caller waits for the load.
      setSystemTime(new Date(Date.now() + 140_000));
      expect(await read()).toBe("v3");
    } finally {
      setSystemTime();
    }
  });
});

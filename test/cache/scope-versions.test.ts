import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Redis } from "ioredis";
import { loadConfig } from "../../src/config";
import type { Cache } from "../../src/platform/cache/cache";
import { type CacheAside, createCacheAside } from "../../src/platform/cache/cache-aside";
import { createRedisCache } from "../../src/platform/cache/redis-cache";
import { type ScopeVersions, subscribedVersions } from "../../src/platform/cache/scope-versions";
import { createLogger } from "../../src/platform/logger";
import { connectRedis } from "../../src/platform/redis";

/**
 * Two cache-asides over one Redis, each with its own connection and version subscription, as two API instances
 * have: hits read no scope version from Redis, a bump on one is seen by the other, and while a subscription is
 * down (CLIENT KILL) that instance reads versions from Redis again, so no invalidation is missed.
 */
const redisUrl = process.env.TEST_REDIS_URL;
const logger = createLogger(loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }));

/** Counts the scope-version reads that reach Redis. */
function countingVersionReads(cache: Cache) {
  const reads = { n: 0 };
  const counted: Cache = {
    ...cache,
    get: (key) => {
      if (key.startsWith("v:")) reads.n += 1;
      return cache.get(key);
    },
  };
  return { counted, reads };
}

async function until(check: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(10);
  }
}

interface Instance {
  caching: CacheAside;
  versions: ScopeVersions;
  reads: { n: number };
  live: { now: boolean };
  redis: Redis;
}

describe.skipIf(!redisUrl)("scope versions over Redis pub/sub (TEST_REDIS_URL)", () => {
  const keyPrefix = `test:${crypto.randomUUID().slice(0, 8)}:`;
  const instances: Instance[] = [];
  let admin: Redis;

  const start = async (): Promise<Instance> => {
    const redis = await connectRedis(redisUrl!, "api", logger);
    const { counted, reads } = countingVersionReads(createRedisCache(redis, keyPrefix));
    const live = { now: false };
    const versions = subscribedVersions(redis, counted, { keyPrefix, logger, onLive: (v) => (live.now = v) });
    const instance = { caching: createCacheAside(counted, logger, { versions }), versions, reads, live, redis };
    instances.push(instance);
    await until(() => live.now, "the subscription");
    return instance;
  };

  /** CLIENT KILL on every version subscriber of this prefix (they share the connection name). */
  const killSubscribers = async () => {
    const list = (await admin.client("LIST")) as string;
    const ids = list
      .split("\n")
      .filter((line) => line.includes(`name=${keyPrefix}cache-versions`))
      .map((line) => /id=(\d+)/.exec(line)![1]!);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) await admin.client("KILL", "ID", id);
  };

  /** Two instances that both hold one entry of a fresh scope, with its version in memory. */
  const twoWarmed = async () => {
    const [a, b] = [await start(), await start()];
    const scope = `s-${crypto.randomUUID()}`;
    const read = (i: Instance, value: string) =>
      i.caching.cached("ns", ["k"], 60, async () => value, { dependsOn: [scope] });
    expect(await read(a, "old")).toBe("old");
    expect(await read(b, "unused")).toBe("old");
    return { a, b, scope, read };
  };

  beforeAll(async () => {
    admin = new Redis(redisUrl!);
  });
  afterAll(async () => {
    for (const i of instances) {
      await i.versions.close();
      i.redis.disconnect();
    }
    admin.disconnect();
  });

  test("a hit reads no scope version from Redis once the version is known", async () => {
    const a = await start();
    const scope = `s-${crypto.randomUUID()}`;
    const read = () => a.caching.cached("ns", ["k"], 60, async () => "v", { dependsOn: [scope] });
    await read();
    const before = a.reads.n;
    for (let i = 0; i < 20; i++) expect(await read()).toBe("v");
    expect(a.reads.n).toBe(before);
  });

  test("a bump on one instance is seen by the other, and at once by the writer itself", async () => {
    const { a, b, scope, read } = await twoWarmed();
    await a.caching.invalidate(scope);
    expect(await read(a, "new")).toBe("new");
    await until(async () => (await read(b, "unused")) === "new", "b to see the bump");
    // And b learnt the new version from the message: its next reads stay in memory.
    const before = b.reads.n;
    expect(await read(b, "unused")).toBe("new");
    expect(b.reads.n).toBe(before);
  });

  test("while a subscription is down the instance reads versions from Redis; resubscribed, from memory again", async () => {
    const { a, b, scope, read } = await twoWarmed();

    await killSubscribers();
    await until(() => !b.live.now, "b's subscription to drop");
    // The bump's message reaches no one; b must still see it.
    await a.caching.invalidate(scope);
    const before = b.reads.n;
    expect(await read(b, "new")).toBe("new");
    expect(b.reads.n).toBeGreaterThan(before);

    await until(() => b.live.now, "b to resubscribe");
    await a.caching.invalidate(scope);
    await until(async () => (await read(b, "newer")) === "newer", "b to see a bump after resubscribing");
    const after = b.reads.n;
    expect(await read(b, "unused")).toBe("newer");
    expect(b.reads.n).toBe(after);
  });
});

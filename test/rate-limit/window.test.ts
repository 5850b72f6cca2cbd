import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Redis } from "ioredis";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/platform/logger";
import { createRateLimiter } from "../../src/platform/rate-limit/limiter";
import { RATE_LIMITS } from "../../src/platform/rate-limit/limits";
import { createMemoryRateLimitStore } from "../../src/platform/rate-limit/memory-store";
import { decide } from "../../src/platform/rate-limit/window";
import { createTestContext, type TestContext } from "../support/app";

const rule = { limit: 10, windowSeconds: 60 };
const logger = createLogger(loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }));

describe("two-window sliding limit", () => {
  test("allows the limit within a window, then rejects with a retry time", async () => {
    let now = 600_000; // the start of a window
    const store = createMemoryRateLimitStore(() => now);
    for (let i = 0; i < 10; i++) expect((await store.hit("k", rule)).allowed).toBe(true);
    now += 15_000;
    const rejected = decide(await store.hit("k", rule), rule);
    expect(rejected).toMatchObject({ allowed: false, remaining: 0 });
    // 10 used in this window: free again only once the window has ended and its weight has decayed below 10.
    expect(rejected.retryAfterSeconds).toBe(45);
  });

  test("the previous window's weight decays across the next one", async () => {
    let now = 600_000;
    const store = createMemoryRateLimitStore(() => now);
    for (let i = 0; i < 10; i++) await store.hit("k", rule);
    now += 60_000 + 30_000; // half way through the next window: estimate 10·0.5 = 5
    let allowed = 0;
    while ((await store.hit("k", rule)).allowed) allowed++;
    expect(allowed).toBe(5);
  });

  test("a window two back no longer counts", async () => {
    let now = 600_000;
    const store = createMemoryRateLimitStore(() => now);
    for (let i = 0; i < 10; i++) await store.hit("k", rule);
    now += 120_000;
    const hit = decide(await store.hit("k", rule), rule);
    expect(hit).toMatchObject({ allowed: true, remaining: 9 });
  });

  test("keys are independent", async () => {
    const store = createMemoryRateLimitStore(() => 600_000);
    for (let i = 0; i < 10; i++) await store.hit("a", rule);
    expect((await store.hit("a", rule)).allowed).toBe(false);
    expect((await store.hit("b", rule)).allowed).toBe(true);
  });
});

describe("rate limiter", () => {
  test("fails open to a per-process limiter when Redis errors, which still limits", async () => {
    const broken = { eval: () => Promise.reject(new Error("ECONNREFUSED")) } as unknown as Redis;
    const limiter = createRateLimiter({ redis: broken, keyPrefix: "t:", logger });
    expect(limiter.kind).toBe("redis");
    const results = [];
    for (let i = 0; i < 11; i++) results.push((await limiter.hit("POST /x", "user:1", rule)).allowed);
    expect(results.filter(Boolean)).toHaveLength(10);
    expect(results.at(-1)).toBe(false);
  });
});

describe("rate limits table", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  }, 120_000);
  afterAll(() => t.close());

  test("every entry in the limits table names routes that exist", () => {
    const shape = (key: string) => key.replace(/:\w+(\{[^/]*\})?/g, ":");
    const routes = new Set(t.app.routes.map((r) => shape(`${r.method} ${r.path.replace(/^\/api\/v1(?=\/)/, "")}`)));
    for (const key of Object.keys(RATE_LIMITS)) {
      const [methods, path] = key.split(" ");
      for (const method of methods!.split("|")) expect(routes.has(shape(`${method} ${path}`))).toBe(true);
    }
  });
});

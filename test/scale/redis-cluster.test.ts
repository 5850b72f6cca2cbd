import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { createProcessors } from "../../src/jobs/processors";
import { BULLMQ_PREFIX } from "../../src/platform/jobs/bullmq-queue";
import { connectRedis } from "../../src/platform/redis";
import { closeWorkers, startWorkers } from "../../workers/start-workers";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { silentLogger } from "../support/jobs";
import { createUser } from "../support/users";
import { withPath } from "./cluster";
import { crc16, keySlot } from "./key-slot";

/**
 * Redis Cluster readiness, checked on one node: every key the app writes carries a prefix, and every command that
 * touches several keys (Lua scripts included, down to the commands they run) stays within one hash slot. This file
 * owns Redis database 12 (BullMQ's prefix is fixed), so it can flush it and account for every key.
 */
const DB = 12;
const realServices = Boolean(process.env.TEST_REDIS_URL && process.env.TEST_DATABASE_URL);
const redisUrl = process.env.TEST_REDIS_URL && withPath(process.env.TEST_REDIS_URL, `/${DB}`);

// Commands whose every argument is a key, and those whose first two are.
const ALL_KEYS = new Set(["del", "unlink", "mget", "exists", "touch", "watch", "sinter", "sunion", "sdiff"]);
const TWO_KEYS = new Set(["rename", "renamenx", "smove", "rpoplpush", "lmove", "brpoplpush", "blmove", "copy"]);
// PUBLISH names a channel, not a key: cluster-wide, whatever its slot (the cache-version bump publishes from a script).
const KEYLESS = new Set([
  "time",
  "ping",
  "echo",
  "info",
  "select",
  "client",
  "script",
  "multi",
  "exec",
  "hello",
  "publish",
]);

/** The keys a command names, or undefined when it touches at most one. */
function multiKeys(args: string[]): string[] | undefined {
  const name = args[0]!.toLowerCase();
  if (name === "eval" || name === "evalsha" || name === "fcall") return args.slice(3, 3 + Number(args[2]));
  if (ALL_KEYS.has(name)) return args.slice(1);
  if (TWO_KEYS.has(name)) return args.slice(1, 3);
  return undefined;
}

describe("CRC16 key slots", () => {
  test("match CLUSTER KEYSLOT", () => {
    expect(crc16(new TextEncoder().encode("123456789"))).toBe(0x31c3);
    expect(keySlot("foo")).toBe(12182);
    expect(keySlot("{user1000}.following")).toBe(keySlot("user1000"));
    expect(keySlot("a{}b")).toBe(keySlot("a{}b"));
    expect(keySlot("{}{x}")).not.toBe(keySlot("x"));
  });
});

describe.skipIf(!realServices)("Redis Cluster readiness (TEST_DATABASE_URL, TEST_REDIS_URL)", () => {
  let t: TestContext;
  let admin: Redis;
  let monitor: Awaited<ReturnType<Redis["monitor"]>>;
  const commands: { args: string[]; lua: boolean }[] = [];
  const prefix = `cluster:${crypto.randomUUID().slice(0, 8)}:`;

  beforeAll(async () => {
    admin = await connectRedis(redisUrl!, "worker", silentLogger);
    await admin.flushdb();
    monitor = await admin.duplicate().monitor();
    monitor.on("monitor", (_time: string, args: string[], source: string, database: string) => {
      if (Number(database) === DB) commands.push({ args, lua: source === "lua" });
    });
    t = await createTestContext({
      REDIS_URL: redisUrl!,
      REDIS_KEY_PREFIX: prefix,
      RATE_LIMIT_ENABLED: "true",
      EMBEDDING_PROVIDER: "hashing",
    });
  });
  afterAll(async () => {
    await t?.close();
    monitor?.disconnect();
    admin?.disconnect();
  });

  test("a representative workload keeps every key prefixed and every multi-key command in one slot", async () => {
    expect(t.deps.jobs.kind).toBe("bullmq");
    const user = await createUser(t);
    const clip = await createClip(t, user.id);
    const login = await t.request("/api/v1/auth/test-login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_id: user.id }),
    });
    expect(login.status).toBe(200);
    await t.request("/api/v1/auth/twitch");
    await t.request(`/api/v1/clips/${clip.id}`);
    await t.request("/api/v1/feeds/clips?sort=hot");
    await t.request("/api/v1/tags");
    const vote = await t.request(`/api/v1/clips/${clip.id}/vote`, {
      method: "POST",
      headers: user.headers,
      body: JSON.stringify({ vote: 1 }),
    });
    expect((await json(vote)).success).toBe(true);
    await t.request(`/api/v1/clips/${clip.id}`);

    // The worker side: a job consumed and completed by a BullMQ worker.
    const connection = await connectRedis(redisUrl!, "worker", silentLogger);
    const workers: Worker[] = startWorkers({ connection, processors: createProcessors(t.deps), logger: t.deps.logger });
    const done = new Promise((resolve) => workers.find((w) => w.name === "embed")!.on("completed", resolve));
    await t.deps.jobs.enqueue("embed", "embed-clip", { clipId: clip.id }, { jobId: `slot-${clip.id}` });
    await done;
    await closeWorkers(workers);
    connection.disconnect();
    await Bun.sleep(100); // the last MONITOR lines

    const keys = await admin.keys("*");
    const stray = keys.filter((k) => !k.startsWith(prefix) && !k.startsWith(`${BULLMQ_PREFIX}:`));
    expect(stray).toEqual([]);
    expect(keys.some((k) => k.startsWith(`${prefix}rl:`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`${prefix}c:`))).toBe(true);
    // Every rate-limit bucket is hash-tagged; every BullMQ key of every queue shares one slot.
    for (const k of keys.filter((k) => k.startsWith(`${prefix}rl:`))) expect(k).toMatch(/\{.+\}$/);
    const bull = keys.filter((k) => k.startsWith(`${BULLMQ_PREFIX}:`));
    expect(bull.length).toBeGreaterThan(0);
    expect(new Set(bull.map(keySlot)).size).toBe(1);

    // Each script's declared keys, and the keys its own commands touch, map to one slot; so do other multi-key commands.
    const crossSlot: string[][] = [];
    let script: { args: string[]; slots: Set<number> } | undefined;
    const check = (group: { args: string[]; slots: Set<number> } | undefined) => {
      if (group && group.slots.size > 1) crossSlot.push(group.args.slice(0, 6));
    };
    let scripts = 0;
    for (const { args, lua } of commands) {
      if (lua && script && !KEYLESS.has(args[0]!.toLowerCase()) && args[1] !== undefined) {
        for (const k of multiKeys(args) ?? [args[1]]) script.slots.add(keySlot(k));
        continue;
      }
      check(script);
      script = undefined;
      const named = multiKeys(args);
      if (!named) continue;
      const name = args[0]!.toLowerCase();
      if (name.startsWith("eval") || name === "fcall") scripts++;
      const group = { args, slots: new Set(named.map(keySlot)) };
      if (name.startsWith("eval") || name === "fcall") script = group;
      else check(group);
    }
    check(script);
    expect(scripts).toBeGreaterThan(5);
    expect(crossSlot).toEqual([]);
  });
});

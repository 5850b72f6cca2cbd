import { afterAll, describe, expect, test } from "bun:test";
import { createEmptyPostgresDatabase } from "../support/database";
import { closedPort, type Spawned, spawnBun } from "../support/process";

/**
 * Redis going away while the API and the worker run: every line both print stays JSON (BullMQ queues without an
 * error listener used to dump multi-line stacks to stderr, 22 in a 15 s outage), and each connection warns once
 * per outage, not once per reconnect attempt. The processes use PostgreSQL (so BullMQ is on) and a private Redis.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

function startRedis(port: number) {
  return Bun.spawn(
    ["redis-server", "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdout: "ignore",
      stderr: "ignore",
    },
  );
}

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await Bun.sleep(200);
  }
  return false;
}

async function outage(redisPort: number, redis: { proc: ReturnType<typeof startRedis> }, apiUrl: string) {
  redis.proc.kill("SIGKILL");
  await redis.proc.exited;
  // Requests keep coming during the outage; they must not add warnings either.
  for (let i = 0; i < 10; i++) {
    await fetch(`${apiUrl}/api/v1/feeds/clips?limit=1`).catch(() => {});
    await Bun.sleep(500);
  }
  redis.proc = startRedis(redisPort);
  const back = await until(async () => (await fetch(`${apiUrl}/health/ready`)).status === 200, 30_000);
  expect(back).toBe(true);
  // Longer than the settling time after a reconnect (SETTLE_MS in src/platform/redis.ts), so the next outage is new.
  await Bun.sleep(6500);
}

const lines = (s: string) => s.split("\n").filter((l) => l.trim());

describe.if(!!databaseUrl)("logs during a Redis outage (TEST_DATABASE_URL)", () => {
  test("stay JSON, one warning per connection per outage", async () => {
    const database = await createEmptyPostgresDatabase(databaseUrl!, "redis_outage");
    cleanups.push(database.drop);
    const redisPort = await closedPort();
    const redis = { proc: startRedis(redisPort) };
    cleanups.push(async () => void redis.proc.kill("SIGKILL"));
    const apiPort = await closedPort();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: `redis://127.0.0.1:${redisPort}/0`,
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      DEMO_DATA: "false",
      EMBEDDING_PROVIDER: "hashing",
      OUTBOX_POLL_INTERVAL_MS: "200",
    };
    const pong = async () =>
      Bun.spawnSync(["redis-cli", "-p", String(redisPort), "ping"])
        .stdout.toString()
        .includes("PONG");
    expect(await until(pong, 10_000)).toBe(true);
    const processes: Spawned[] = [];
    cleanups.push(async () => {
      for (const p of processes) p.proc.kill("SIGKILL");
    });
    // One after the other: both migrate the database at start.
    const api = spawnBun("src/server.ts", { ...env, PORT: String(apiPort) });
    processes.push(api);
    await api.waitForLine((l) => l.includes('"listening"'), 60_000);
    const worker = spawnBun("workers/main.ts", { ...env, WORKER_HEALTH_PORT: String(await closedPort()) });
    processes.push(worker);
    await worker.waitForLine((l) => l.includes('"worker started"'), 60_000);
    const apiUrl = `http://127.0.0.1:${apiPort}`;

    await outage(redisPort, redis, apiUrl);
    await outage(redisPort, redis, apiUrl);
    for (const p of processes) p.proc.kill("SIGTERM");
    for (const p of processes) await p.exit(20_000);

    for (const [name, p] of [
      ["api", api],
      ["worker", worker],
    ] as const) {
      const { stdout, stderr } = await p.output();
      expect({ name, stderr: lines(stderr) }).toEqual({ name, stderr: [] });
      const records = lines(stdout).map(
        (l) => JSON.parse(l) as { level: string | number; msg: string; connection?: string },
      );
      const warnings = records.filter((r) => r.msg === "redis unavailable");
      const byConnection = Object.groupBy(warnings, (r) => r.connection ?? "?");
      // Two outages: each connection warned at least once and at most twice.
      expect(Object.keys(byConnection).length).toBeGreaterThan(0);
      for (const [connection, list] of Object.entries(byConnection)) {
        expect({ name, connection, n: Math.min(list!.length, 3) }).toEqual({ name, connection, n: 2 });
      }
      expect(records.filter((r) => r.msg === "redis connection restored").length).toBeGreaterThan(0);
    }
  }, 180_000);
});

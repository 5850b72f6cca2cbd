/**
 * Fault injection under load (`bun run test:faults`; not part of `bun test`): private PostgreSQL, Redis and
 * OpenSearch on their own loopback ports, the API and the worker as separate processes, a steady request mix from
 * this process, and one fault at a time. Each phase's outcomes are tallied by status and printed as a table.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import postgres from "postgres";
import { closedPort } from "../support/process";
import { formatTable, type Load, type RequestSpec, startLoad, tally } from "./support/load";
import { eventually, type Managed, managed, runScript, sleep, startScript } from "./support/processes";
import { createOpenSearch, createPostgres, createRedis, type Server } from "./support/servers";

const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 55532);
const REDIS_PORT = Number(process.env.FAULTS_REDIS_PORT ?? 56479);
const OPENSEARCH_PORT = Number(process.env.FAULTS_OPENSEARCH_PORT ?? 59210);
const CLIPS = Number(process.env.FAULTS_CLIPS ?? 2000);
const BREAKER_COOLDOWN_MS = 3000;
// Generous, and load is capped in flight: on a busy 2-core CI box a healthy request can take seconds. A hang is
// still told apart: it never answers, and the phases assert on statuses, not on speed.
const REQUEST_TIMEOUT_MS = Number(process.env.FAULTS_REQUEST_TIMEOUT_MS ?? 15_000);
const RESTARTS = Number(process.env.FAULTS_PG_RESTARTS ?? 10);
const QUERIES = ["clutch", "funny", "speedrun", "ace", "fail", "boss"];

const servers: Server[] = [];
let pg: Server;
let redis: Server;
let opensearch: Server;
let api: Managed;
let worker: Managed;
let env: Record<string, string>;
let base: string;
let apiPid: number | undefined;
let load: Load | undefined;
let clipIds: string[] = [];
const tokens: string[] = [];
const LOG_DIR = new URL("../../.tmp/faults", import.meta.url).pathname;
const suiteStarted = performance.now();

const reads = (n: number): RequestSpec => {
  const id = clipIds[n % clipIds.length];
  const headers = { "X-Forwarded-For": `10.9.${(n >> 8) & 255}.${n & 255}` };
  switch (n % 4) {
    case 0:
      return { kind: "feed", path: "/api/v1/feeds/clips?limit=20&sort=hot", init: { headers } };
    case 1:
      return { kind: "clip", path: `/api/v1/clips/${id}`, init: { headers } };
    default: {
      // A query of its own: a repeated one may be answered from the shared response cache without reaching an engine.
      const q = encodeURIComponent(`${QUERIES[n % QUERIES.length]} ${n}`);
      return { kind: "search", path: `/api/v1/search?q=${q}`, init: { headers } };
    }
  }
};

/** Every 10th request is a vote (flips between +1 and -1), so vote_score and the index keep changing. */
const mix = (n: number): RequestSpec => {
  if (n % 10 !== 9 || tokens.length === 0) return reads(n);
  const token = tokens[n % tokens.length];
  return {
    kind: "vote",
    path: `/api/v1/clips/${clipIds[(n * 7) % clipIds.length]}/vote`,
    init: {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ vote: n % 20 === 9 ? 1 : -1 }),
    },
  };
};

const get = (path: string) => fetch(`${base}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

async function phase(name: string, ms: number) {
  load!.phase = name;
  await sleep(ms);
}

/** Statuses seen in a phase, 429 (rate limits) left out: they are a policy answer, not a fault symptom. */
function statuses(name: string, kind?: string) {
  const counts = tally(
    load!.outcomes.filter((o) => kind === undefined || o.kind === kind),
    name,
  );
  delete counts["429"];
  return counts;
}

function expectApiAlive() {
  expect(api.alive()).toBe(true);
  expect(api.current?.proc.pid).toBe(apiPid!);
}

async function consistent(timeoutMs: number) {
  let last = "";
  const ok = await eventually(
    async () => {
      const run = await runScript(["scripts/search-consistency.ts", "--show", "5"], env, 60_000);
      last = run.stdout + run.stderr;
      return run.code === 0;
    },
    timeoutMs,
    2000,
  );
  if (!ok) console.error(`search-consistency never reached 0:\n${last}`);
  return ok;
}

beforeAll(async () => {
  pg = await createPostgres(PG_PORT);
  servers.push(pg);
  redis = await createRedis(REDIS_PORT);
  servers.push(redis);
  opensearch = await createOpenSearch(OPENSEARCH_PORT, "59710-59719");
  servers.push(opensearch);
  await Promise.all([pg.start(), redis.start(), opensearch.start()]);

  const apiPort = await closedPort();
  base = `http://127.0.0.1:${apiPort}`;
  env = {
    NODE_ENV: "development",
    LOG_LEVEL: "warn",
    HOST: "127.0.0.1",
    PORT: String(apiPort),
    WORKER_HEALTH_PORT: String(await closedPort()),
    DATABASE_URL: pg.url,
    DATABASE_POOL_SIZE: "10",
    DATABASE_STARTUP_TIMEOUT_MS: "5000",
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: "faults:",
    OPENSEARCH_URL: opensearch.url,
    OPENSEARCH_TIMEOUT_MS: "1000",
    OPENSEARCH_BREAKER_FAILURES: "3",
    OPENSEARCH_BREAKER_COOLDOWN_MS: String(BREAKER_COOLDOWN_MS),
    OUTBOX_POLL_INTERVAL_MS: "200",
    EMBEDDING_PROVIDER: "hashing",
    SEARCH_HYBRID: "false",
    TRUST_PROXY: "1",
    JWT_SECRET: "faults-suite-secret-0123456789abcdef",
    SHUTDOWN_TIMEOUT_MS: "5000",
  };
  const seed = await runScript(["scripts/seed.ts", "--clips", String(CLIPS)], env, 180_000);
  expect(seed.code, seed.stderr).toBe(0);
  const backfill = await runScript(["scripts/backfill-search.ts", "--reset"], env, 180_000);
  expect(backfill.code, backfill.stdout + backfill.stderr).toBe(0);

  api = managed("src/server.ts", env);
  worker = managed("workers/main.ts", env);
  apiPid = api.start().proc.pid;
  worker.start();
  const up = await eventually(async () => (await get("/health/ready")).status === 200, 60_000);
  expect(up, "API never became ready").toBe(true);

  const feed = (await (await get("/api/v1/feeds/clips?limit=50&sort=new")).json()) as { clips: { id: string }[] };
  clipIds = feed.clips.map((c) => c.id);
  expect(clipIds.length).toBeGreaterThan(10);
  for (const username of ["user1_e2e", "mod1_e2e", "admin1_e2e"]) {
    const res = await fetch(`${base}/api/v1/auth/test-login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username }),
    });
    expect(res.status).toBe(200);
    tokens.push(((await res.json()) as { access_token: string }).access_token);
  }
  load = startLoad({
    baseUrl: base,
    ratePerSecond: 20,
    timeoutMs: REQUEST_TIMEOUT_MS,
    maxInFlight: 40,
    maxDurationMs: 600_000,
    next: mix,
  });
}, 300_000);

afterAll(async () => {
  await load?.stop();
  if (load)
    console.log(
      `\nfault injection: outcomes per phase (${load.outcomes.length} requests, ${load.skipped} ticks skipped at the ` +
        `in-flight cap)\n${formatTable(load.outcomes)}`,
    );
  mkdirSync(LOG_DIR, { recursive: true });
  if (load) writeFileSync(`${LOG_DIR}/outcomes.json`, JSON.stringify(load.outcomes));
  await api?.stop(10_000);
  await worker?.stop(10_000);
  // The processes' own logs, for reading a failure afterwards.
  for (const [name, proc] of [
    ["api", api],
    ["worker", worker],
  ] as const) {
    const output = await proc?.current?.output();
    if (output) writeFileSync(`${LOG_DIR}/${name}.log`, output.stdout + output.stderr);
  }
  for (const server of servers.reverse())
    await server.destroy().catch((err) => console.error(`${server.name}: ${err}`));
  console.log(`fault suite took ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s`);
}, 120_000);

describe("faults under steady load", () => {
  test("baseline: everything answers 200", async () => {
    await phase("warm-up", 3000);
    await phase("baseline", 4000);
    // Outcomes are filed under the phase they were sent in: let the last ones answer or time out first.
    load!.phase = "baseline-tail";
    await load!.settled("baseline");
    expect(statuses("baseline")).toEqual({ "200": expect.any(Number) });
    expectApiAlive();
  }, 30_000);

  test("Redis SIGKILLed: reads and writes keep answering 200 uncached, then Redis is used again", async () => {
    load!.phase = "redis-down";
    await redis.kill();
    await sleep(5000);
    const ready = await get("/health/ready");
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: { redis: { status: string } } }).checks.redis.status).toBe("down");
    await redis.start();
    await phase("redis-restarted", 4000);

    expect(statuses("redis-down")).toEqual({ "200": expect.any(Number) });
    expect(statuses("redis-restarted")).toEqual({ "200": expect.any(Number) });
    const after = (await (await get("/health/ready")).json()) as { checks: { redis: { status: string } } };
    expect(after.checks.redis.status).toBe("up");
    expect(worker.alive()).toBe(true);
    expectApiAlive();
  }, 60_000);

  test("OpenSearch stopped: search answers 200 from Postgres with X-Search-Failover, then goes back", async () => {
    load!.phase = "opensearch-down";
    await opensearch.stop();
    await sleep(5000);
    load!.phase = "opensearch-restarting";
    await opensearch.start();
    // Back on OpenSearch once the cool-down has passed and the trial request succeeded: bounded wait.
    load!.phase = "opensearch-recovering";
    const back = await eventually(async () => {
      const res = await get(`/api/v1/search?q=${encodeURIComponent(`${QUERIES[0]} ${crypto.randomUUID()}`)}`);
      await res.arrayBuffer();
      return res.status === 200 && res.headers.get("x-search-failover") === null;
    }, BREAKER_COOLDOWN_MS * 4);
    expect(back, "search never left failover").toBe(true);
    await phase("opensearch-recovered", 4000);

    const down = load!.outcomes.filter((o) => o.phase === "opensearch-down" && o.kind === "search");
    expect(statuses("opensearch-down")).toEqual({ "200": expect.any(Number) });
    expect(statuses("opensearch-restarting")).toEqual({ "200": expect.any(Number) });
    expect(down.length).toBeGreaterThan(0);
    // The first requests after the stop may still be answered by the node while it shuts down.
    expect(down.filter((o) => o.failover).length).toBeGreaterThanOrEqual(down.length / 2);
    const recovered = load!.outcomes.filter((o) => o.phase === "opensearch-recovered" && o.kind === "search");
    expect(recovered.length).toBeGreaterThan(0);
    expect(recovered.filter((o) => o.failover)).toEqual([]);
    expect(statuses("opensearch-recovered")).toEqual({ "200": expect.any(Number) });
    expectApiAlive();
  }, 240_000);

  test("PostgreSQL stopped: 503 in the contract shape, no hang, readiness 503; recovers without an API restart", async () => {
    load!.phase = "postgres-down";
    await pg.stop();
    try {
      await sleep(2000);
      // Reads the cache already holds may still be answered (a clip's stored JSON, a feed page's id list for its few
      // seconds); a clip and a page no one has read need the database.
      const [ready, clip, feed] = await Promise.all([
        get("/health/ready"),
        get(`/api/v1/clips/${crypto.randomUUID()}`),
        get("/api/v1/feeds/clips?limit=7&sort=top"),
      ]);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { checks: { database: { status: string } } }).checks.database.status).toBe(
        "down",
      );
      expect(clip.status).toBe(503);
      expect(await clip.json()).toEqual({
        success: false,
        error: { code: "UNAVAILABLE", message: expect.any(String) },
        request_id: expect.any(String),
      });
      expect(feed.status).toBe(503);
      expect(await feed.json()).toEqual({
        success: false,
        error: expect.any(String),
        code: "UNAVAILABLE",
        request_id: expect.any(String),
      });
      expect((await get("/health/live")).status).toBe(200);
      await sleep(2000);
    } finally {
      load!.phase = "postgres-restarting";
      await pg.start();
    }
    const back = await eventually(async () => (await get("/health/ready")).status === 200, 20_000);
    expect(back, "API never became ready again").toBe(true);
    await phase("postgres-recovered", 4000);

    const down = statuses("postgres-down");
    // Searches may still be answered by OpenSearch alone; anything else must fail fast with a 503.
    expect(
      Object.keys(down).every((s) => s === "503" || s === "200"),
      JSON.stringify(down),
    ).toBe(true);
    expect(down["503"]).toBeGreaterThan(0);
    expect(statuses("postgres-recovered")).toEqual({ "200": expect.any(Number) });
    expectApiAlive();
  }, 90_000);

  test(`PostgreSQL restarted ${RESTARTS} times in a row under load: the same API process serves throughout`, async () => {
    const workerPid = worker.current?.proc.pid;
    load!.phase = "postgres-restarts";
    for (let i = 0; i < RESTARTS; i++) {
      await pg.stop();
      // Down for 1, 3 or 10 s (the outage that crashed postgres@3.4.9 was 10 s), so restarts land at different
      // points of the pools' reconnect backoff.
      await sleep([1000, 3000, 10_000][i % 3]!);
      await pg.start();
      const back = await eventually(async () => (await get("/health/ready")).status === 200, 30_000);
      expect(back, `API not ready after restart ${i + 1}`).toBe(true);
      expectApiAlive();
      await sleep(1000 + (i % 2) * 1500);
    }
    await phase("postgres-restarts-recovered", 4000);
    load!.phase = "postgres-restarts-tail";
    await load!.settled("postgres-restarts-recovered");

    const during = statuses("postgres-restarts");
    // While PostgreSQL is down a request is answered 503 (or 200 from OpenSearch or the cache); never a 5xx of ours,
    // a reset or a hang.
    expect(
      Object.keys(during).every((s) => s === "200" || s === "503"),
      JSON.stringify(during),
    ).toBe(true);
    expect(statuses("postgres-restarts-recovered")).toEqual({ "200": expect.any(Number) });
    expectApiAlive();
    expect(worker.alive()).toBe(true);
    expect(worker.current?.proc.pid).toBe(workerPid!);
  }, 600_000);

  test("worker SIGKILLed with writes flowing, and backfill-search SIGKILLed mid-run: nothing lost", async () => {
    load!.phase = "worker-killed";
    await worker.kill();
    // A small batch keeps it busy long enough to be killed mid-run; the rerun below resumes from its checkpoint.
    const backfill = startScript(["scripts/backfill-search.ts", "--reset", "--batch", "50", "--parallel", "1"], env);
    await sleep(2000);
    const killedMidRun = backfill.exitCode === null;
    backfill.kill("SIGKILL");
    await backfill.exited;
    await sleep(2000);
    worker.start();
    await phase("worker-restarted", 4000);
    await load!.stop();

    const resumed = await runScript(["scripts/backfill-search.ts"], env, 120_000);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    console.log(
      `backfill-search ${killedMidRun ? "was SIGKILLed mid-run" : "had finished before the kill"}; resumed run:\n${resumed.stdout}`,
    );
    expect(statuses("worker-killed")).toEqual({ "200": expect.any(Number) });
    expect(statuses("worker-restarted")).toEqual({ "200": expect.any(Number) });
    expect(await consistent(90_000), "search-consistency did not exit 0").toBe(true);

    const sql = postgres(pg.url, { max: 1 });
    const [row] = await sql<
      { pending: number }[]
    >`select count(*)::int as pending from outbox where processed_at is null`;
    await sql.end();
    expect(row?.pending).toBe(0);
    expect(worker.alive()).toBe(true);
    expectApiAlive();
  }, 240_000);
});

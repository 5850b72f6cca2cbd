/**
 * Anonymous feed throughput with the cache-aside layer on versus off, same process, same database, same requests.
 * Seeds a scratch embedded database (or BENCH_DATABASE_URL's server), then sends BENCH_REQUESTS requests to
 * /api/v1/feeds/clips spread over 4 sorts × 5 pages, BENCH_CONCURRENCY at a time, through app.request().
 *
 *   bun run bench/cache-feed.ts
 *   BENCH_REDIS_URL=redis://127.0.0.1:56379/0 bun run bench/cache-feed.ts      (Redis as the cache store)
 * BENCH_CLIPS (2000), BENCH_REQUESTS (2000), BENCH_CONCURRENCY (20), BENCH_WRITE_EVERY (0: a vote-like
 * invalidation of the feeds scope every N requests, to see the hit rate under writes).
 */
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import { openPglite, openPostgres } from "../src/db/client";
import { createDeps, type Deps } from "../src/deps";
import { createCacheAside } from "../src/platform/cache/cache-aside";
import { scopes } from "../src/platform/cache/scopes";
import { cacheStats } from "../src/platform/cache/stats";
import { createDataset } from "../src/seed/dataset";
import { insertDataset } from "../src/seed/insert";

const CLIPS = Number(process.env.BENCH_CLIPS ?? 2_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const WRITE_EVERY = Number(process.env.BENCH_WRITE_EVERY ?? 0);
const SORTS = ["trending", "hot", "new", "top"];

const paths = Array.from({ length: REQUESTS }, (_, i) => {
  const sort = SORTS[i % SORTS.length];
  return `/api/v1/feeds/clips?sort=${sort}&limit=20&offset=${(Math.floor(i / SORTS.length) % 5) * 20}`;
});

async function run(deps: Deps, app: ReturnType<typeof createApp>) {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      if (WRITE_EVERY && i % WRITE_EVERY === 0) await deps.caching.invalidate(scopes.feeds);
      const started = performance.now();
      const res = await app.request(paths[i]!);
      if (res.status !== 200) throw new Error(`${paths[i]}: ${res.status}`);
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(2);
  return { rps: REQUESTS / seconds, p50: pct(0.5), p95: pct(0.95) };
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  const config = loadConfig({
    NODE_ENV: "development",
    LOG_LEVEL: "silent",
    JWT_SECRET: "bench-secret-that-is-at-least-32-bytes-long",
    DEMO_DATA: "false",
    OUTBOX_POLL_INTERVAL_MS: "0",
    RATE_LIMIT_ENABLED: "false",
    REDIS_URL: process.env.BENCH_REDIS_URL,
    REDIS_KEY_PREFIX: `bench:${crypto.randomUUID().slice(0, 8)}:`,
  });
  const database = url ? openPostgres(url, 10) : await openPglite({});
  await database.migrate();
  const deps = await createDeps(config, { database });
  await insertDataset(deps.db, createDataset({ clips: CLIPS, seed: 7 }), { chunkSize: 500 });

  const cachedApp = createApp(deps);
  const uncachedApp = createApp({ ...deps, caching: createCacheAside(deps.cache, deps.logger, { enabled: false }) });
  // Warm both (JIT, database buffers) before measuring; the cached app starts the measured run with a warm cache.
  for (const app of [uncachedApp, cachedApp]) for (const path of paths.slice(0, 40)) await app.request(path);

  const off = await run(deps, uncachedApp);
  const before = cacheStats().feeds ?? { hits: 0, misses: 0 };
  const on = await run(deps, cachedApp);
  const after = cacheStats().feeds ?? { hits: 0, misses: 0 };
  console.log(
    JSON.stringify(
      {
        database: database.kind,
        cacheStore: deps.cache.kind,
        clips: CLIPS,
        requests: REQUESTS,
        concurrency: CONCURRENCY,
        writeEvery: WRITE_EVERY,
        off: { rps: Math.round(off.rps), p50_ms: off.p50, p95_ms: off.p95 },
        on: { rps: Math.round(on.rps), p50_ms: on.p50, p95_ms: on.p95 },
        speedup: Number((on.rps / off.rps).toFixed(1)),
        hits: after.hits - before.hits,
        misses: after.misses - before.misses,
      },
      null,
      2,
    ),
  );
  await deps.close();
}

await main();

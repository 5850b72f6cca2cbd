import { readdirSync, readlinkSync } from "node:fs";
import Redis from "ioredis";
import postgres from "postgres";
import { rssMb } from "./processes";
import { BENCH_DB, BENCH_DB_URL, BENCH_REDIS_URL } from "./services";
import type { LoadSummary } from "./summary";

/** One reading of what a leak would grow: memory, the API's sockets, and the connections the stores see. */
export interface SoakSample {
  atS: number;
  apiRssMb: number;
  workerRssMb: number;
  apiSockets: number;
  pgConnections: number;
  redisClients: number;
}

function sockets(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith("socket:");
      } catch {
        return false;
      }
    }).length;
  } catch {
    return 0;
  }
}

/** Samples every `everyMs` while the soak runs; `stop()` returns the readings. */
export function sampleSoak(apiPid: number, workerPid: number, everyMs = 10_000) {
  const sql = postgres(BENCH_DB_URL, { max: 1, onnotice: () => {} });
  const redis = new Redis(BENCH_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const started = performance.now();
  const samples: SoakSample[] = [];
  const take = async () => {
    // Client connections only (not autovacuum workers), and not our own sampling connection.
    const [pg] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = ${BENCH_DB} and backend_type = 'client backend' and pid <> pg_backend_pid()`;
    const info = await redis.info("clients");
    samples.push({
      atS: Math.round((performance.now() - started) / 1000),
      apiRssMb: rssMb(apiPid) ?? 0,
      workerRssMb: rssMb(workerPid) ?? 0,
      apiSockets: sockets(apiPid),
      pgConnections: pg?.n ?? 0,
      redisClients: Number(info.match(/connected_clients:(\d+)/)?.[1] ?? 0) - 1,
    });
  };
  let pending = take();
  const timer = setInterval(() => {
    pending = pending.then(take);
  }, everyMs);
  return {
    async stop(): Promise<SoakSample[]> {
      clearInterval(timer);
      await pending.then(take);
      await Promise.all([sql.end(), redis.quit()]);
      return samples;
    },
  };
}

export interface SoakVerdict {
  label: string;
  measured: string;
  pass: boolean;
}

const peak = (xs: number[]) => Math.max(0, ...xs);

/**
 * Growth compares the last minute with the first (peaks of each), so start-up warming (JIT, caches, pools filling)
 * is inside the reference rather than counted as growth.
 */
export function judgeSoak(samples: SoakSample[], k6: LoadSummary, pgPoolCeiling: number): SoakVerdict[] {
  const end = samples.at(-1)?.atS ?? 0;
  const first = samples.filter((s) => s.atS <= 60);
  const last = samples.filter((s) => s.atS >= end - 60);
  const growth = (key: keyof SoakSample) => {
    const from = peak(first.map((s) => s[key]));
    const to = peak(last.map((s) => s[key]));
    return { from, to, pct: from ? ((to - from) / from) * 100 : 0 };
  };
  const rss = growth("apiRssMb");
  const sock = growth("apiSockets");
  const pg = growth("pgConnections");
  const redis = growth("redisClients");
  const errors = Math.round(k6.errorRate * k6.reqs);
  return [
    { label: "0 errors", measured: `${errors} of ${k6.reqs} requests failed`, pass: errors === 0 },
    {
      label: "API RSS growth < 10 % (first minute → last minute, peaks)",
      measured: `${rss.from.toFixed(0)} → ${rss.to.toFixed(0)} MB (${rss.pct.toFixed(1)} %)`,
      pass: rss.pct < 10,
    },
    {
      // The pools open connections lazily up to their size, so a late burst may add one within the ceiling; a leak
      // is a connection outside the pools, which would pass it. The API's socket count follows how many connections
      // k6 holds open, so it is shown, not judged.
      label: `no growth in open connections: PostgreSQL within the pools' ceiling (${pgPoolCeiling}), Redis flat`,
      measured: `PostgreSQL ${pg.from} → ${pg.to}, Redis ${redis.from} → ${redis.to} (API sockets ${sock.from} → ${sock.to})`,
      pass: pg.to <= Math.max(pg.from, pgPoolCeiling) && redis.to <= redis.from,
    },
  ];
}

export function renderSoak(
  rate: number,
  duration: string,
  k6: LoadSummary,
  samples: SoakSample[],
  pgPoolCeiling: number,
): string {
  const verdicts = judgeSoak(samples, k6, pgPoolCeiling);
  return [
    `## Soak: mixed scenario at ${rate} req/s for ${duration}`,
    "",
    `Constant arrival rate (k6 constant-arrival-rate), about half the mixed scenario's measured capacity. Achieved ${k6.rps.toFixed(0)} req/s, p50 ${k6.p50.toFixed(2)} ms, p95 ${k6.p95.toFixed(2)} ms, p99 ${k6.p99.toFixed(2)} ms.`,
    "",
    "| check | measured | result |",
    "| --- | --- | --- |",
    ...verdicts.map((v) => `| ${v.label} | ${v.measured} | ${v.pass ? "PASS" : "**MISS**"} |`),
    "",
    "| t (s) | API RSS MB | worker RSS MB | API sockets | PostgreSQL connections | Redis clients |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ...samples.map(
      (s) =>
        `| ${s.atS} | ${s.apiRssMb.toFixed(0)} | ${s.workerRssMb.toFixed(0)} | ${s.apiSockets} | ${s.pgConnections} | ${s.redisClients} |`,
    ),
    "",
  ].join("\n");
}

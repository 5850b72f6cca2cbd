import { existsSync } from "node:fs";
import { join } from "node:path";
import postgres from "postgres";

/**
 * The CI PostgreSQL + pgvector and Redis (scripts/ci/start-services.sh) on CI's ports unless BENCH_PG_PORT and
 * BENCH_REDIS_PORT name others (a second checkout benchmarking beside CI); OpenSearch from scripts/opensearch.
 */
const PG_PORT = process.env.BENCH_PG_PORT ?? "55432";
const REDIS_PORT = process.env.BENCH_REDIS_PORT ?? "56379";
export const PG_ADMIN_URL = `postgres://postgres@127.0.0.1:${PG_PORT}/postgres`;
export const BENCH_DB = "clipper_bench";
export const BENCH_DB_URL = `postgres://postgres@127.0.0.1:${PG_PORT}/${BENCH_DB}`;
// A Redis database of its own: the bench's cache, sessions and queues never mix with other users of the server.
export const BENCH_REDIS_URL = `redis://127.0.0.1:${REDIS_PORT}/9`;
const OPENSEARCH_URL = "http://127.0.0.1:59200";

export type Log = (line: string) => void;

async function sh(cmd: string[], cwd: string): Promise<{ out: string; code: number }> {
  const proc = Bun.spawn(cmd, { cwd, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { out: (out + err).trim(), code };
}

async function pgUp(): Promise<boolean> {
  const sql = postgres(PG_ADMIN_URL, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const redisUp = async (root: string) => (await sh(["redis-cli", "-p", REDIS_PORT, "ping"], root)).out === "PONG";
const openSearchUp = async () =>
  fetch(`${OPENSEARCH_URL}/_cluster/health`, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );

export interface Services {
  opensearchUrl?: string;
  notes: string[];
  stop(): Promise<void>;
}

/**
 * Reuses servers that already run (other engineers share them) and stops only what it started itself. Without the
 * OpenSearch scripts, or with `withOpenSearch` false, search runs on PostgreSQL full-text search.
 */
export async function startServices(
  root: string,
  withOpenSearch: boolean,
  log: Log,
  pin: string[] = [],
): Promise<Services> {
  const notes: string[] = [];
  const stops: (() => Promise<unknown>)[] = [];
  if ((await pgUp()) && (await redisUp(root))) {
    notes.push("PostgreSQL and Redis were already running (shared): reused, left running");
  } else {
    log("starting PostgreSQL + Redis (scripts/ci/start-services.sh) ...");
    // Under `pin` (taskset), so the servers it starts keep off the load client's core.
    const env = ["env", `PG_PORT=${PG_PORT}`, `REDIS_PORT=${REDIS_PORT}`];
    const started = await sh([...pin, ...env, "bash", "scripts/ci/start-services.sh"], root);
    if (started.code !== 0) throw new Error(`start-services.sh failed:\n${started.out}`);
    stops.push(() => sh(["bash", "scripts/ci/stop-services.sh"], root));
    notes.push(`started: ${started.out.split("\n").join("; ")}`);
  }

  let opensearchUrl: string | undefined;
  const script = join(root, "scripts/opensearch/start.sh");
  if (!withOpenSearch) notes.push("OpenSearch off (--no-opensearch): search on PostgreSQL FTS");
  else if (!existsSync(script)) notes.push("scripts/opensearch/start.sh missing: search on PostgreSQL FTS");
  else {
    const wasUp = await openSearchUp();
    log(wasUp ? "OpenSearch already running: reusing it" : "starting OpenSearch (scripts/opensearch/start.sh) ...");
    const started = await sh(["bash", script], root);
    if (started.code !== 0) throw new Error(`opensearch start failed:\n${started.out}`);
    if (!wasUp) stops.push(() => sh(["bash", "scripts/opensearch/stop.sh"], root));
    opensearchUrl = started.out.split("\n").at(-1);
    notes.push(`OpenSearch ${wasUp ? "reused" : "started"} at ${opensearchUrl} (index prefix bench-)`);
  }
  return {
    opensearchUrl,
    notes,
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

/** Drops and recreates a bench database (the API migrates it at start) and empties a bench Redis database. */
export async function resetBenchStores(root: string, database = BENCH_DB, redisDb = 9): Promise<void> {
  const sql = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists ${database} with (force)`);
    await sql.unsafe(`create database ${database}`);
  } finally {
    await sql.end();
  }
  const flushed = await sh(["redis-cli", "-n", String(redisDb), "-p", REDIS_PORT, "flushdb"], root);
  if (flushed.out !== "OK") throw new Error(`redis flushdb failed: ${flushed.out}`);
}

export interface BenchData {
  clips: { id: string; slug: string }[];
  users: { username: string }[];
}

/** Clips anyone can open and users who can log in, for k6 to pick from (DATA_FILE). */
export async function loadBenchData(): Promise<BenchData> {
  const sql = postgres(BENCH_DB_URL, { max: 1, onnotice: () => {} });
  try {
    const clips = await sql<{ id: string; slug: string }[]>`
      select id, twitch_clip_id as slug from clips where not is_removed and not is_hidden order by random() limit 2000`;
    const users = await sql<{ username: string }[]>`
      select username from users where not is_banned and role = 'user' order by username limit 5000`;
    return { clips: [...clips], users: [...users] };
  } finally {
    await sql.end();
  }
}

import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { type Database, openPostgres } from "../../src/db/client";
import { TEST_JWT_SECRET } from "../support/app";
import { closedPort, type Spawned, spawnBun } from "../support/process";

export interface Cluster {
  /** The round-robin proxy in front of the API instances, with /api/v1. */
  url: string;
  /** Each API instance directly, with /api/v1. */
  apiUrls: string[];
  /** The shared fresh database (for seeding and assertions). */
  database: Database;
  redisUrl: string;
  keyPrefix: string;
  stop(): Promise<void>;
}

export function withPath(base: string, path: string) {
  const url = new URL(base);
  url.pathname = path;
  return url.toString();
}

const isJsonLine = (msg: string) => (line: string) => {
  try {
    return JSON.parse(line).msg === msg;
  } catch {
    return false;
  }
};

/** Forwards each request to the next upstream in turn, headers, cookies and body unchanged. */
function startProxy(upstreams: string[]) {
  let next = 0;
  return Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: async (req) => {
      const incoming = new URL(req.url);
      const target = new URL(incoming.pathname + incoming.search, upstreams[next++ % upstreams.length]);
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer();
      const res = await fetch(target, { method: req.method, headers: req.headers, body, redirect: "manual" });
      // Bun's fetch has already decoded the body, so the encoding headers no longer describe it.
      const headers = new Headers(res.headers);
      headers.delete("content-encoding");
      headers.delete("content-length");
      return new Response(res.body, { status: res.status, headers });
    },
  });
}

/**
 * A fresh migrated PostgreSQL database, `apis` API processes and `workers` worker processes sharing it and one Redis
 * database (under a unique key prefix), and a round-robin proxy in front of the APIs.
 */
export async function startCluster(o: {
  databaseUrl: string;
  redisUrl: string;
  apis: number;
  workers: number;
}): Promise<Cluster> {
  const name = `clipper_scale_${randomUUID().replaceAll("-", "")}`;
  const admin = postgres(o.databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`).finally(() => admin.end());
  const databaseUrl = withPath(o.databaseUrl, `/${name}`);
  const database = openPostgres(databaseUrl, 4);
  await database.migrate();

  const keyPrefix = `scale:${randomUUID().slice(0, 8)}:`;
  const env = {
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: "5",
    REDIS_URL: o.redisUrl,
    REDIS_KEY_PREFIX: keyPrefix,
    JWT_SECRET: TEST_JWT_SECRET,
    RATE_LIMIT_ENABLED: "true",
    OUTBOX_POLL_INTERVAL_MS: "50",
    EMBEDDING_PROVIDER: "hashing",
    SHUTDOWN_TIMEOUT_MS: "5000",
  };
  const procs: Spawned[] = [];
  const apiUrls: string[] = [];
  let proxy: ReturnType<typeof startProxy> | undefined;
  const stop = async () => {
    proxy?.stop(true);
    for (const p of procs) p.proc.kill("SIGTERM");
    await Promise.all(procs.map((p) => p.exit(10_000)));
    await database.close();
    const cleanup = postgres(o.databaseUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists ${name} with (force)`).finally(() => cleanup.end());
  };
  try {
    const starting: Promise<string>[] = [];
    for (let i = 0; i < o.apis; i++) {
      const port = await closedPort();
      const api = spawnBun("src/server.ts", { ...env, PORT: String(port) });
      procs.push(api);
      apiUrls.push(`http://127.0.0.1:${port}/api/v1`);
      starting.push(api.waitForLine(isJsonLine("listening"), 60_000));
    }
    for (let i = 0; i < o.workers; i++) {
      const worker = spawnBun("workers/main.ts", { ...env, WORKER_HEALTH_PORT: String(await closedPort()) });
      procs.push(worker);
      // Past the start-up re-embedding sweep, so it cannot take jobs a test counts.
      starting.push(worker.waitForLine(isJsonLine("stale embeddings queued"), 60_000));
    }
    await Promise.all(starting);
    proxy = startProxy(apiUrls.map((u) => new URL(u).origin));
    return { url: `http://127.0.0.1:${proxy.port}/api/v1`, apiUrls, database, redisUrl: o.redisUrl, keyPrefix, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

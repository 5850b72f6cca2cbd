/**
 * Embedding throughput through the real pipeline: `bun run bench:embeddings [--clips N] [--threads T]`. Seeds N clips
 * into a database of its own, starts the worker process with the local USE-lite model on T threads, lets its
 * start-up check queue every clip (one embed job each, as after a model change), and times the jobs from the first
 * vector written to the last; then re-embeds them all with `backfill-embeddings --force` (batches, no queue).
 * Writes bench/results/<date>-embeddings.md. With `--models [--reps N]`, instead: the local models compared in
 * processes of their own (load, query and batch times, RSS; embedding-models.ts), no services, into
 * bench/results/<date>-use-multilingual.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { loadConfig } from "../../src/config";
import { compareEmbeddingModels } from "./embedding-models";
import { startProcess, stopProcess, waitForOk } from "./processes";
import { BENCH_REDIS_URL, PG_ADMIN_URL, resetBenchStores, startServices } from "./services";

const { values: args } = parseArgs({
  options: {
    clips: { type: "string", default: "3000" },
    threads: { type: "string", default: "2" },
    models: { type: "boolean", default: false },
    reps: { type: "string", default: "2" },
  },
});
const clips = Number(args.clips);
const threads = Number(args.threads);
const root = resolve(import.meta.dir, "../..");
const DB = "clipper_embed_bench";
const DB_URL = PG_ADMIN_URL.replace(/\/postgres$/, `/${DB}`);
const REDIS_DB = 8;
const REDIS_URL = BENCH_REDIS_URL.replace(/\/\d+$/, `/${REDIS_DB}`);
const WORKER_PORT = 18082;
const log = (line: string) => console.error(`[bench:embeddings] ${line}`);

async function compareModels() {
  const loadAtStart = loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  const table = await compareEmbeddingModels(Number(args.reps));
  const date = new Date().toISOString().slice(0, 10);
  const file = join(root, "bench/results", `${date}-use-multilingual.md`);
  writeFileSync(
    file,
    `# Local embedding models ${date}\n\nRun of \`bun run bench:embeddings ${process.argv.slice(2).join(" ")}\`: each model in a fresh process, one model thread (EMBEDDING_THREADS=1), alternating; load average at start ${loadAtStart}. The hashing provider runs no model (no thread, no weights): its row is the process's baseline.\n\n${table}\n`,
  );
  console.log(table);
  log(`wrote ${file}`);
}

async function main() {
  if (args.models) return compareModels();
  const services = await startServices(root, false, log);
  await resetBenchStores(root, DB, REDIS_DB);

  const env = {
    NODE_ENV: "development",
    LOG_LEVEL: "warn",
    DATABASE_URL: DB_URL,
    REDIS_URL,
    DEMO_DATA: "false",
    EMBEDDING_PROVIDER: "local",
    EMBEDDING_THREADS: String(threads),
    WORKER_HEALTH_PORT: String(WORKER_PORT),
    JWT_SECRET: "bench-secret-bench-secret-bench-secret-0123",
  };
  log(`seeding ${clips} clips ...`);
  const seed = Bun.spawn(["bun", "run", "seed", "--", "--clips", String(clips), "--reset"], {
    cwd: root,
    env: { ...process.env, ...env },
    stdout: "ignore",
    stderr: "pipe",
  });
  if ((await seed.exited) !== 0) throw new Error(`seed failed: ${await new Response(seed.stderr).text()}`);

  const tmp = join(root, ".tmp/bench");
  mkdirSync(tmp, { recursive: true });
  const loadAtStart = loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  const worker = startProcess("worker", ["bun", "run", "worker"], root, env, join(tmp, "embed-worker.log"));
  const sql = postgres(DB_URL, { max: 1, onnotice: () => {} });
  try {
    await waitForOk(`http://127.0.0.1:${WORKER_PORT}/health`, 120_000, worker);
    const [row] = await sql<{ total: number }[]>`select count(*)::int as total from clips where not is_removed`;
    const total = row?.total ?? 0;
    log(`worker up; waiting for ${total} clips to be embedded by ${threads} model thread(s) ...`);
    for (let done = 0; done < total; ) {
      await Bun.sleep(1000);
      const [progress] = await sql<{ done: number }[]>`
        select count(embedding)::int as done from clips where not is_removed`;
      done = progress?.done ?? 0;
      if (worker.proc.exitCode !== null) throw new Error(`worker exited with ${worker.proc.exitCode}`);
    }
    const [span] = await sql<{ seconds: number; model: string }[]>`
      select extract(epoch from max(embedded_at) - min(embedded_at))::float8 as seconds, max(embedding_model) as model
      from clips where embedding is not null`;
    const rate = total / Math.max(span!.seconds, 1e-3);
    const line = `${total} clips through the embed queue in ${span!.seconds.toFixed(1)} s: **${rate.toFixed(0)} clips/s** (${span!.model}, EMBEDDING_THREADS=${threads}, WORKER_EMBED_CONCURRENCY=${loadConfig({ ...process.env, ...env }).worker.embedConcurrency}; load average at start ${loadAtStart})`;
    console.log(line);
    await stopProcess(worker);
    log("re-embedding every clip with bun run backfill-embeddings -- --force (batches, no queue) ...");
    const backfill = Bun.spawn(["bun", "run", "backfill-embeddings", "--", "--force", "--reset", "--batch", "128"], {
      cwd: root,
      env: { ...process.env, ...env, DATA_DIR: join(tmp, "embed-data") },
      stdout: "pipe",
      stderr: "ignore",
    });
    const backfillOut = await new Response(backfill.stdout).text();
    if ((await backfill.exited) !== 0) throw new Error(`backfill-embeddings failed:\n${backfillOut}`);
    const backfillLine = `backfill-embeddings (batches of 128, EMBEDDING_THREADS=${threads}): ${backfillOut.trim().split("\n").at(-1)}`;
    console.log(backfillLine);
    const date = new Date().toISOString().slice(0, 10);
    const file = join(root, "bench/results", `${date}-embeddings.md`);
    writeFileSync(
      file,
      `# Embedding throughput ${date}\n\nRun of \`bun run bench:embeddings ${process.argv.slice(2).join(" ")}\` (scripts/bench/embeddings.ts): the worker process embeds freshly seeded clips, one embed job per clip, timed from the first vector written to the last; then the same clips again through the backfill tool. Target ≥ 200 clips/s.\n\n- ${line}\n- ${backfillLine}\n`,
    );
    log(`wrote ${file}`);
  } finally {
    await sql.end();
    await stopProcess(worker);
    await services.stop();
  }
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exitCode = 1;
});

import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { fakeClip, startFakeTwitch } from "../../test/support/fake-twitch";
import { ensureK6, K6_VERSION, k6Command, runK6 } from "./k6";
import { assertPortFree, type Started, serverPid, startProcess, stopProcess, waitForOk } from "./processes";
import { evaluateTargets, renderReport, type ScenarioResult, targetsTable } from "./report";
import { type K6Load, SCENARIOS, type Scenario, submissionSlugs } from "./scenarios";
import { BENCH_DB_URL, BENCH_REDIS_URL, loadBenchData, resetBenchStores, startServices } from "./services";
import { renderSoak, sampleSoak } from "./soak";
import { type LoadContext, runK6Scenario, runWrkScenarios, warm, writePathsFiles } from "./throughput";
import { ensureWrk, planCores } from "./wrk";

const USAGE = `usage: bun run bench [--clips N] [--duration 15s] [--reps 3] [--scenarios a,b] [--embedder use-multilingual|local|hashing]
                     [--no-opensearch] [--reuse-data]
  --clips N        clips to seed into the fresh bench database (default 100000)
  --duration D     duration of each scenario run and each baseline run (default 15s)
  --reps N         interleaved repetitions of each wrk scenario and its baseline (default 3)
  --scenarios      comma list of ${SCENARIOS.map((s) => s.name).join(", ")} (default: all)
  --embedder       embedding provider for the clips and the query vectors (default use-multilingual, the
                   production default, loaded in the API as in production; hashing loads no model; the USE-lite
                   model embeds ~13-45 clips/s per core, about an hour for 100k clips)
  --no-opensearch  search on PostgreSQL FTS even when scripts/opensearch/start.sh exists
  --reuse-data     keep the bench database from the last run (no reset, seed or backfills)
  --soak D         after the scenarios, D (e.g. 10m) of the mixed scenario at --soak-rate req/s (default: half
                   the mixed scenario's measured req/s), sampling RSS and connections; writes <name>-soak.md
  --name N         results file stem under bench/results (default: today's date), so a rerun keeps earlier reports
BENCH_PG_PORT and BENCH_REDIS_PORT (default CI's 55432, 56379) point the bench at other PostgreSQL/Redis servers.`;

const root = resolve(import.meta.dir, "../..");
const API_PORT = 18080;
const HELLO_PORT = 18090;
const WORKER_PORT = 18081;
const apiUrl = `http://127.0.0.1:${API_PORT}`;
const DB_POOL_SIZE = 25;
/** The API's and the worker's PostgreSQL pools together: the most client connections the soak may see. */
const PG_POOL_CEILING = 2 * DB_POOL_SIZE;
const { values: args } = parseArgs({
  options: {
    clips: { type: "string", default: "100000" },
    duration: { type: "string", default: "15s" },
    reps: { type: "string", default: "3" },
    scenarios: { type: "string" },
    embedder: { type: "string", default: "use-multilingual" },
    "no-opensearch": { type: "boolean", default: false },
    "reuse-data": { type: "boolean", default: false },
    soak: { type: "string" },
    "soak-rate": { type: "string" },
    name: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const clips = Number(args.clips);
if (!Number.isInteger(clips) || clips < 100) throw new Error(`--clips must be an integer ≥ 100\n${USAGE}`);
const reps = Number(args.reps);
if (!Number.isInteger(reps) || reps < 1) throw new Error(`--reps must be a positive integer\n${USAGE}`);
if (!/^\d+[sm]$/.test(args.duration)) throw new Error(`--duration must look like 15s or 1m\n${USAGE}`);
if (!["use-multilingual", "local", "hashing"].includes(args.embedder)) {
  throw new Error(`--embedder must be use-multilingual, local or hashing\n${USAGE}`);
}
const wanted = args.scenarios?.split(",") ?? SCENARIOS.map((s) => s.name);
const scenarios = SCENARIOS.filter((s) => wanted.includes(s.name));

const t0 = performance.now();
const LOAD_AT_START = loadavg();
const log = (line: string) =>
  console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${line}`);
const date = new Date().toISOString().slice(0, 10);
const reportName = args.name ?? date;
if (!/^[\w.-]+$/.test(reportName)) throw new Error(`--name must be a plain file stem\n${USAGE}`);
const rawDir = join(root, "bench/results", `${reportName}.raw`);
const tmp = join(root, ".tmp/bench");
mkdirSync(rawDir, { recursive: true });
mkdirSync(tmp, { recursive: true });
const commands: string[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

async function cleanup() {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch((err) => log(`cleanup: ${(err as Error).message}`));
}
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => void cleanup().then(() => process.exit(130)));

async function step(label: string, cmd: string[], env: Record<string, string>): Promise<string> {
  commands.push(cmd.join(" "));
  log(`${label} ...`);
  const started = performance.now();
  const proc = Bun.spawn(cmd, { cwd: root, env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`${label} failed (${code}):\n${(out + err).slice(-3000)}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`${label} done in ${seconds} s`);
  return `${label}: ${seconds} s`;
}

async function main() {
  // Checked before minutes of seeding, not after.
  for (const port of [API_PORT, HELLO_PORT, WORKER_PORT]) await assertPortFree(port);
  const cores = planCores();
  log(cores.note);
  const clients = [await ensureWrk(log)];
  if (scenarios.some((s) => s.load.client === "k6") || args.soak) {
    const k6How = await ensureK6(log);
    log(`k6 ${K6_VERSION}: ${k6How}`);
    clients.push(`k6 ${K6_VERSION} (${k6How})`);
  }
  const services = await startServices(root, !args["no-opensearch"], log, cores.server);
  cleanups.push(() => services.stop());
  const osEnv: Record<string, string> = services.opensearchUrl
    ? { OPENSEARCH_URL: services.opensearchUrl, OPENSEARCH_INDEX_PREFIX: "bench-" }
    : {};
  const env: Record<string, string> = {
    NODE_ENV: "development", // production forbids test-login; the rest is production-like
    LOG_LEVEL: "warn",
    HOST: "127.0.0.1",
    PORT: String(API_PORT),
    DATABASE_URL: BENCH_DB_URL,
    DATABASE_POOL_SIZE: String(DB_POOL_SIZE),
    REDIS_URL: BENCH_REDIS_URL,
    DEMO_DATA: "false",
    DATA_DIR: join(tmp, "data"),
    JWT_SECRET: "bench-secret-bench-secret-bench-secret-0123",
    ENABLE_TEST_LOGIN: "true",
    RATE_LIMIT_ENABLED: "false",
    REQUIRE_KARMA_FOR_SUBMISSION: "false",
    EMBEDDING_PROVIDER: args.embedder,
    WORKER_HEALTH_PORT: String(WORKER_PORT),
    ...osEnv,
  };

  commands.push(
    `export ${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`,
  );
  const timings: string[] = [];
  if (!args["reuse-data"]) {
    await resetBenchStores(root);
    timings.push(
      await step(`seed ${clips} clips`, ["bun", "run", "seed", "--", "--clips", String(clips), "--reset"], env),
    );
    timings.push(await step("backfill embeddings", ["bun", "run", "backfill-embeddings", "--", "--reset"], env));
    if (services.opensearchUrl)
      timings.push(await step("backfill OpenSearch", ["bun", "run", "backfill-search", "--", "--reset"], env));
  }
  const db = postgres(BENCH_DB_URL, { max: 1, onnotice: () => {} });
  const [counts] = await db<{ clips: number; embedded: number; pg: string }[]>`
    select count(*)::int as clips, count(embedding)::int as embedded, current_setting('server_version') as pg
    from clips`;
  await db.end();
  const hybrid = (counts?.embedded ?? 0) > 0;

  const twitch = startFakeTwitch();
  cleanups.push(() => twitch.stop());
  const maxVus = Math.max(...scenarios.map((s) => s.vus));
  const runId = Date.now().toString(36);
  // Where this run's mixed scenario and soak start in the user list (test/load/mixed.js), so that reruns of the
  // bench on the same data do not exhaust the same users' submission quotas (10 an hour, 20 a day).
  const userOffset = Math.floor(Math.random() * 5000);
  // The soak submits under a run id of its own (nothing it submits may be a duplicate), on up to 4× the VUs.
  const soakRunId = `${runId}s`;
  const mixedScenario = SCENARIOS.find((s) => s.name === "mixed") as K6Run;
  const soakSlugs = args.soak ? submissionSlugs(soakRunId, 4 * mixedScenario.vus) : [];
  const slugs = [...submissionSlugs(runId, maxVus), ...soakSlugs];
  for (const id of slugs) twitch.clips.set(id, fakeClip({ id, title: `bench submission ${id}` }));
  Object.assign(env, twitch.env);
  commands.push(
    `export ${Object.entries(twitch.env)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")} # in-process fake Twitch`,
  );
  const dataFile = join(tmp, "data.json");
  const data = await loadBenchData();
  writeFileSync(dataFile, JSON.stringify(data));

  const k6 = async (script: string, vus: number, name: string, extra: Record<string, string>) => {
    const run = {
      script,
      vus,
      duration: extra.DURATION ?? args.duration,
      summaryFile: join(rawDir, `${name}.json`),
      env: { DATA_FILE: dataFile, RUN_ID: runId, USER_OFFSET: String(userOffset), ...extra },
    };
    commands.push(
      `VUS=${vus} DURATION=${run.duration} ${Object.entries(run.env)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ")} ${[...cores.client, ...k6Command(run)].join(" ")}`,
    );
    return runK6({ ...run, prefix: cores.client });
  };

  // Up for the whole run, idle while the API is measured: each API run follows a baseline run of its own.
  const hello = startProcess(
    "hello",
    [...cores.server, "bun", "test/load/hello-server.ts"],
    root,
    { PORT: String(HELLO_PORT) },
    join(tmp, "hello.log"),
  );
  cleanups.push(() => stopProcess(hello));
  commands.push(`PORT=${HELLO_PORT} ${[...cores.server, "bun", "test/load/hello-server.ts"].join(" ")} # the baseline`);
  await waitForOk(`http://127.0.0.1:${HELLO_PORT}/`, 30_000, hello);

  const worker = startProcess("worker", [...cores.server, "bun", "run", "worker"], root, env, join(tmp, "worker.log"));
  cleanups.push(() => stopProcess(worker));
  commands.push(`${cores.server.join(" ")} bun run worker`);
  let api: Started | undefined;
  const startApi = async (extra: Record<string, string>) => {
    if (api) await stopProcess(api);
    const cmd = [...cores.server, "bun", "run", "start"];
    const started = startProcess("api", cmd, root, { ...env, ...extra }, join(tmp, "api.log"));
    api = started;
    cleanups.push(() => stopProcess(started));
    commands.push(
      `${Object.entries(extra)
        .map(([k, v]) => `${k}=${v} `)
        .join("")}${cmd.join(" ")}`,
    );
    await waitForOk(`${apiUrl}/health/ready`, 120_000, started);
    return serverPid(started.proc.pid);
  };
  await waitForOk(`http://127.0.0.1:${WORKER_PORT}/health`, 120_000, worker);

  const ctx: LoadContext = {
    root,
    rawDir,
    cores,
    duration: args.duration,
    reps,
    apiUrl,
    helloUrl: `http://127.0.0.1:${HELLO_PORT}`,
    pathsFiles: writePathsFiles(root, tmp, data),
    log,
    commands,
    token: () => testLoginToken(data.users[0]!.username),
    k6,
  };
  const results: ScenarioResult[] = [];
  let pid = 0;
  for (const group of [scenarios.filter((s) => !s.cacheOff), scenarios.filter((s) => s.cacheOff)]) {
    if (!group.length) continue;
    pid = await startApi(group[0]!.cacheOff ? { CACHE_ENABLED: "false" } : {});
    results.push(...(await runWrkScenarios(ctx, group, pid)));
    for (const s of group) if (s.load.client === "k6") results.push(await runK6Scenario(ctx, s as K6Run, pid));
  }
  const cacheOff = scenarios.some((s) => s.cacheOff);

  const targets = evaluateTargets(results, hybrid);
  const file = join(root, "bench/results", `${reportName}.md`);
  const report = await renderReport({
    date,
    argv: process.argv.slice(2),
    duration: args.duration,
    embedder: args.embedder,
    loadAtStart: LOAD_AT_START,
    results,
    targets,
    notes: [...services.notes, ...timings],
    counts,
    hybrid,
    clients,
    reps,
    commands,
  });
  writeFileSync(file, report);
  console.log(targetsTable(targets));
  log(`wrote ${file} (wrk logs and k6 summaries in ${rawDir})`);
  if (!args.soak) return;

  const mixed = results.find((r) => r.name === "mixed");
  const rate = Number(args["soak-rate"] ?? Math.round((mixed?.runs[0]?.api.rps ?? 0) / 2));
  if (!(rate > 0)) throw new Error("--soak needs --soak-rate N, or the mixed scenario in the same run");
  if (cacheOff || !pid) pid = await startApi({});
  await warm(ctx, mixedScenario);
  log(`soak: mixed at ${rate} req/s for ${args.soak} (API pid ${pid}) ...`);
  const sampler = sampleSoak(pid, serverPid(worker.proc.pid));
  const soak = await k6(mixedScenario.load.script, mixedScenario.vus, "soak", {
    BASE_URL: apiUrl,
    RATE: String(rate),
    DURATION: args.soak,
    RUN_ID: soakRunId,
    USER_OFFSET: String(userOffset + mixedScenario.vus),
  });
  const soakFile = join(root, "bench/results", `${reportName}-soak.md`);
  writeFileSync(
    soakFile,
    `# Soak ${date}\n\nRun of \`bun run bench ${process.argv.slice(2).join(" ")}\`.\n\n${renderSoak(rate, args.soak, soak, await sampler.stop(), PG_POOL_CEILING)}`,
  );
  log(`wrote ${soakFile}`);
}

type K6Run = Scenario & { load: K6Load };

/** An access token of a seeded user, from POST /auth/test-login (ENABLE_TEST_LOGIN is on in the bench). */
async function testLoginToken(username: string): Promise<string> {
  const res = await fetch(`${apiUrl}/api/v1/auth/test-login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username }),
  });
  if (!res.ok) throw new Error(`test-login as ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

main()
  .catch((err) => {
    console.error((err as Error).message);
    process.exitCode = 1;
  })
  .finally(cleanup);

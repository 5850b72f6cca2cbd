import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rssMb, sampleRss } from "./processes";
import type { ScenarioResult } from "./report";
import type { K6Load, Scenario, WrkLoad } from "./scenarios";
import type { BenchData } from "./services";
import type { LoadSummary } from "./summary";
import { type CorePlan, runWrk, type WrkRun, wrkCommand } from "./wrk";

export interface LoadContext {
  root: string;
  rawDir: string;
  cores: CorePlan;
  duration: string;
  reps: number;
  apiUrl: string;
  helloUrl: string;
  pathsFiles: Record<NonNullable<WrkLoad["paths"]>, string>;
  log(line: string): void;
  commands: string[];
  /** A fresh access token from POST /auth/test-login. */
  token(): Promise<string>;
  k6(script: string, vus: number, name: string, extra: Record<string, string>): Promise<LoadSummary>;
}

/** The request paths wrk picks from: every clip by UUID and by slug, and every query of test/load/queries.json. */
export function writePathsFiles(root: string, dir: string, data: BenchData): LoadContext["pathsFiles"] {
  const clips = join(dir, "clip-paths.txt");
  const searches = join(dir, "search-paths.txt");
  const ids = data.clips.flatMap((c) => [c.id, c.slug]).map((id) => `/api/v1/clips/${encodeURIComponent(id)}`);
  writeFileSync(clips, `${ids.join("\n")}\n`);
  const queries = JSON.parse(readFileSync(join(root, "test/load/queries.json"), "utf8")) as string[];
  writeFileSync(searches, `${queries.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`).join("\n")}\n`);
  return { clips, searches };
}

/** Fills the caches a scenario relies on: the feed page, and every search query's vector. */
export async function warm(ctx: Pick<LoadContext, "apiUrl" | "root">, s: Scenario) {
  const base = `${ctx.apiUrl}/api/v1`;
  if (s.name.startsWith("feed")) await fetch(`${base}/feeds/clips`).then((r) => r.text());
  if (s.name.startsWith("search") || s.name === "mixed") {
    const queries = JSON.parse(readFileSync(join(ctx.root, "test/load/queries.json"), "utf8")) as string[];
    // Twice: the first pass fills the query-vector cache, the second warms the search engine's caches and JIT.
    for (const q of [...queries, ...queries])
      await fetch(`${base}/search?q=${encodeURIComponent(q)}`).then((r) => r.text());
  }
}

async function wrkRun(ctx: LoadContext, s: Scenario & { load: WrkLoad }, target: "api" | "hello", rep: number) {
  const { load } = s;
  const env: Record<string, string> = {};
  if (target === "api" && load.paths) env.PATHS_FILE = ctx.pathsFiles[load.paths];
  if (target === "api" && load.auth) env.AUTH = await ctx.token();
  if (target === "api" && load.forbidHeaders) env.FORBID_HEADERS = load.forbidHeaders.join(",");
  const run: WrkRun = {
    url: target === "api" ? `${ctx.apiUrl}${load.path}` : `${ctx.helloUrl}/`,
    connections: s.vus,
    duration: ctx.duration,
    cores: ctx.cores,
    env,
    logFile: join(ctx.rawDir, `${s.name}-${target}-${rep}.log`),
  };
  if (rep === 1) {
    const shown = Object.entries(env).map(([k, v]) => `${k}=${k === "AUTH" ? "<token>" : v} `);
    ctx.commands.push(`${shown.join("")}${wrkCommand(run).join(" ")}`);
  }
  return runWrk(run);
}

const isWrk = (s: Scenario): s is Scenario & { load: WrkLoad } => s.load.client === "wrk";

/**
 * The group's wrk scenarios, `reps` rounds of all of them; in each round every scenario runs right after a
 * hello-world run with the same connections, so a change in machine load hits the pair alike.
 */
export async function runWrkScenarios(ctx: LoadContext, group: Scenario[], pid: number): Promise<ScenarioResult[]> {
  const scenarios = group.filter(isWrk);
  const results = scenarios.map(
    (s): ScenarioResult => ({ name: s.name, title: s.title, vus: s.vus, client: "wrk", runs: [], rssPeakMb: 0 }),
  );
  for (const s of scenarios) await warm(ctx, s);
  for (let rep = 1; rep <= ctx.reps; rep++) {
    for (const [i, s] of scenarios.entries()) {
      const result = results[i]!;
      ctx.log(`${s.name} #${rep} at ${s.vus} connections (API pid ${pid}, RSS ${rssMb(pid)?.toFixed(0)} MB) ...`);
      const baseline = await wrkRun(ctx, s, "hello", rep);
      const rss = sampleRss(pid);
      const api = await wrkRun(ctx, s, "api", rep);
      result.rssPeakMb = Math.max(result.rssPeakMb, rss.stop().peakMb);
      result.runs.push({ api, baseline });
      const failed = api.errorRate * api.reqs + api.checksFailed;
      ctx.log(
        `${s.name} #${rep}: ${api.rps.toFixed(0)} req/s (hello-world ${baseline.rps.toFixed(0)}), p99 ${api.p99.toFixed(2)} ms, ${failed} failed`,
      );
    }
  }
  return results;
}

/** A k6 scenario, once, after a k6 run of the hello-world baseline at its connections. */
export async function runK6Scenario(ctx: LoadContext, s: Scenario & { load: K6Load }, pid: number) {
  await warm(ctx, s);
  const baseline = await ctx.k6("test/load/baseline.js", s.vus, `${s.name}-baseline`, { BASE_URL: ctx.helloUrl });
  ctx.log(`${s.name} at ${s.vus} connections (API pid ${pid}, RSS ${rssMb(pid)?.toFixed(0)} MB) ...`);
  const rss = sampleRss(pid);
  const api = await ctx.k6(s.load.script, s.vus, s.name, { BASE_URL: ctx.apiUrl, ...s.load.env });
  const result: ScenarioResult = {
    name: s.name,
    title: s.title,
    vus: s.vus,
    client: "k6",
    runs: [{ api, baseline }],
    rssPeakMb: rss.stop().peakMb,
  };
  ctx.log(
    `${s.name}: ${api.rps.toFixed(0)} req/s, p95 ${api.p95.toFixed(2)} ms, errors ${(api.errorRate * 100).toFixed(2)} %`,
  );
  return result;
}

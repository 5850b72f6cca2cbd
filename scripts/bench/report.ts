import { cpus, loadavg, totalmem } from "node:os";
import { K6_BIN } from "./k6";
import { type LoadSummary, medianSummary, median as mid, spreadPct } from "./summary";

/** One scenario's repetitions, each an API run next to the hello-world baseline run just before it. */
export interface ScenarioResult {
  name: string;
  title: string;
  vus: number;
  client: "wrk" | "k6";
  runs: { api: LoadSummary; baseline: LoadSummary }[];
  rssPeakMb: number;
}

export interface Target {
  label: string;
  measured: string;
  pass: boolean | undefined;
}

/** Issue 18's figures for today (wrk, 2 cores): what "2× today" and "3× today" are measured against. */
export const AUTH_ME_TODAY_RPS = 1800;
export const MIXED_TODAY_RPS = 121;

const ms = (v: number) => v.toFixed(2);
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
/** The median of the per-repetition ratios: each API run is divided by the baseline run beside it. */
const ratio = (s: ScenarioResult) => mid(s.runs.map((r) => r.api.rps / r.baseline.rps));
const api = (s: ScenarioResult) => medianSummary(s.runs.map((r) => r.api));

/** The bench targets (issues "Proof under load and failure" and 18); `undefined` = not measured in this run. */
export function evaluateTargets(results: ScenarioResult[], hybrid: boolean): Target[] {
  const by = (name: string) => results.find((r) => r.name === name);
  const targets: Target[] = [];
  const add = (
    label: string,
    s: ScenarioResult | undefined,
    measured: (s: ScenarioResult) => string,
    ok: (s: ScenarioResult) => boolean,
  ) => targets.push({ label, measured: s ? measured(s) : "not run", pass: s ? ok(s) : undefined });

  add(
    "feed (cached) ≥ 30 % of baseline req/s at 50 connections",
    by("feed-cached"),
    (s) => pct(ratio(s)),
    (s) => ratio(s) >= 0.3,
  );
  add(
    "feed (cached) p99 ≤ 5 ms",
    by("feed-cached"),
    (s) => `${ms(api(s).p99)} ms`,
    (s) => api(s).p99 <= 5,
  );
  add(
    "clip detail ≥ 25 % of baseline req/s",
    by("clip-detail"),
    (s) => pct(ratio(s)),
    (s) => ratio(s) >= 0.25,
  );
  add(
    "/auth/me ≥ 15 % of baseline req/s",
    by("auth-me"),
    (s) => pct(ratio(s)),
    (s) => ratio(s) >= 0.15,
  );
  add(
    `/auth/me ≥ 2× today's ${AUTH_ME_TODAY_RPS} req/s`,
    by("auth-me"),
    (s) => `${api(s).rps.toFixed(0)} req/s`,
    (s) => api(s).rps >= 2 * AUTH_ME_TODAY_RPS,
  );
  add(
    "feed (uncached) p95 ≤ 15 ms",
    by("feed-uncached"),
    (s) => `${ms(api(s).p95)} ms at ${s.vus} connections`,
    (s) => api(s).p95 <= 15,
  );
  const searchKind = hybrid ? "hybrid" : "lexical-only (no embeddings)";
  add(
    `${searchKind} search p95 ≤ 40 ms at 20 connections (signed out: shared response cache on)`,
    by("search"),
    (s) => `${ms(api(s).p95)} ms`,
    (s) => api(s).p95 <= 40,
  );
  add(
    `${searchKind} search p95 ≤ 40 ms at 20 connections, API cache off (every search runs both legs)`,
    by("search-uncached"),
    (s) => `${ms(api(s).p95)} ms`,
    (s) => api(s).p95 <= 40,
  );
  add(
    `mixed scenario ≥ 3× today's ${MIXED_TODAY_RPS} req/s`,
    by("mixed"),
    (s) => `${api(s).rps.toFixed(0)} req/s`,
    (s) => api(s).rps >= 3 * MIXED_TODAY_RPS,
  );
  const errors = results.reduce((n, r) => n + Math.round(api(r).errorRate * api(r).reqs) + api(r).checksFailed, 0);
  targets.push({ label: "0 errors (all scenarios)", measured: `${errors} failed requests`, pass: errors === 0 });
  const rss = Math.max(0, ...results.map((r) => r.rssPeakMb));
  targets.push({
    label: "API RSS ≤ 200 MB (peak over all scenarios)",
    measured: `${rss.toFixed(0)} MB`,
    pass: rss <= 200,
  });
  return targets;
}

const row = (label: string, s: LoadSummary) =>
  `| ${label} | ${s.rps.toFixed(0)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${pct(s.errorRate)} | ${s.checksFailed} |`;

export function scenarioTable(s: ScenarioResult): string {
  const several = s.runs.length > 1;
  const rates = s.runs.map((r) => r.api.rps);
  const ratios = s.runs.map((r) => r.api.rps / r.baseline.rps);
  return [
    `### ${s.name}: ${s.title} (${s.vus} connections, ${s.client})`,
    "",
    "| run | req/s | p50 ms | p95 ms | p99 ms | errors | failed checks |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...s.runs.flatMap((r, i) => [
      row(`Clipper API${several ? ` #${i + 1}` : ""}`, r.api),
      row(`hello-world${several ? ` #${i + 1}` : ""}`, r.baseline),
    ]),
    ...(several
      ? [
          row("**Clipper API, median**", api(s)),
          row("**hello-world, median**", medianSummary(s.runs.map((r) => r.baseline))),
        ]
      : []),
    "",
    `API req/s = **${pct(ratio(s))}** of the baseline's${several ? ` (median of ${s.runs.length} interleaved pairs; ratios ${ratios.map(pct).join(", ")}; API req/s spread ${spreadPct(rates).toFixed(1)} %)` : ""}; API RSS peak ${s.rssPeakMb.toFixed(0)} MB${s.client === "k6" ? `; k6 thresholds ${api(s).thresholdsOk ? "passed" : "**crossed**"}` : ""}.`,
    "",
  ].join("\n");
}

export function targetsTable(targets: Target[]): string {
  const verdict = (p: boolean | undefined) => (p === undefined ? "n/a" : p ? "PASS" : "**MISS**");
  return [
    "| target | measured | result |",
    "| --- | --- | --- |",
    ...targets.map((t) => `| ${t.label} | ${t.measured} | ${verdict(t.pass)} |`),
  ].join("\n");
}

export interface ReportInput {
  date: string;
  argv: string[];
  duration: string;
  embedder: string;
  loadAtStart: number[];
  results: ScenarioResult[];
  targets: Target[];
  notes: string[];
  counts: { clips: number; embedded: number; pg: string } | undefined;
  hybrid: boolean;
  /** How each load client was obtained, e.g. "wrk 4.1.0", "k6 v1.8.1 (cached …)". */
  clients: string[];
  reps: number;
  commands: string[];
}

export async function renderReport(r: ReportInput): Promise<string> {
  const redis = await new Response(Bun.spawn(["redis-server", "--version"], { stdout: "pipe" }).stdout).text();
  const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(" ");
  const search = r.hybrid ? "hybrid (BM25 + vectors)" : "lexical only";
  const hashing =
    r.embedder === "hashing"
      ? ". The hashing provider costs nothing per query and loads no model; the production default (use-multilingual) loads USE multilingual v3 into the API's model thread (measure with the default --embedder)"
      : "";
  return [
    `# Benchmark ${r.date}`,
    "",
    `Run of \`bun run bench${r.argv.length ? ` -- ${r.argv.join(" ")}` : ""}\` (scripts/bench/run.ts). Every request went to 127.0.0.1; the load clients ran on the same machine as the servers.`,
    "",
    "## Machine",
    "",
    `- CPU: ${cpus()[0]?.model ?? "?"}, ${cpus().length} cores; memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- load average (1/5/15 min) at the start: ${load(r.loadAtStart)}; at the end: ${load(loadavg())}`,
    `- Bun ${Bun.version}; ${r.clients.join("; ")}; PostgreSQL ${r.counts?.pg}; Redis ${redis.match(/v=(\S+)/)?.[1]}`,
    `- data: ${r.counts?.clips} clips, ${r.counts?.embedded} of them with embeddings (${r.embedder}); search ${search}${hashing}`,
    ...r.notes.map((n) => `- ${n}`),
    "",
    "## Targets",
    "",
    targetsTable(r.targets),
    "",
    "## Scenarios",
    "",
    `Each scenario and each baseline run lasted ${r.duration}. Throughput scenarios ran under wrk (scripts/bench/wrk.lua), ${r.reps} times each, every API run right after a hello-world run with the same connections, so drifting machine load hits both; the figures compared are medians, the ratio the median of the per-pair ratios. The mixed scenario (k6, test/load/mixed.js) runs once against a k6 baseline. Connections were held constant, with no think time, and rate limits were off (RATE_LIMIT_ENABLED=false). The baseline is test/load/hello-server.ts (Bun + Hono, one JSON route). RSS is the API process's VmRSS, sampled every 250 ms.`,
    "",
    ...r.results.map(scenarioTable),
    "## Commands",
    "",
    "```sh",
    ...r.commands,
    `# k6 binary (mixed, soak): ${K6_BIN}`,
    "```",
    "",
  ].join("\n");
}

import { cpus, loadavg, totalmem } from "node:os";
import { K6_BIN, K6_VERSION, type K6Summary } from "./k6";

export interface ScenarioResult {
  name: string;
  title: string;
  vus: number;
  api: K6Summary;
  baseline: K6Summary;
  rssPeakMb: number;
}

export interface Target {
  label: string;
  measured: string;
  pass: boolean | undefined;
}

const ms = (v: number) => v.toFixed(2);
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
const ratio = (s: ScenarioResult) => s.api.rps / s.baseline.rps;

/** The bench targets (issue "Proof under load and failure"); `undefined` = not measured in this run. */
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
    (s) => `${ms(s.api.p99)} ms`,
    (s) => s.api.p99 <= 5,
  );
  add(
    "clip detail ≥ 25 % of baseline req/s",
    by("clip-detail"),
    (s) => pct(ratio(s)),
    (s) => ratio(s) >= 0.25,
  );
  add(
    "feed (uncached) p95 ≤ 15 ms",
    by("feed-uncached"),
    (s) => `${ms(s.api.p95)} ms`,
    (s) => s.api.p95 <= 15,
  );
  const searchKind = hybrid ? "hybrid" : "lexical-only (no embeddings)";
  add(
    `${searchKind} search p95 ≤ 40 ms at 20 connections (signed out: shared response cache on)`,
    by("search"),
    (s) => `${ms(s.api.p95)} ms`,
    (s) => s.api.p95 <= 40,
  );
  add(
    `${searchKind} search p95 ≤ 40 ms at 20 connections, API cache off (every search runs both legs)`,
    by("search-uncached"),
    (s) => `${ms(s.api.p95)} ms`,
    (s) => s.api.p95 <= 40,
  );
  const errors = results.reduce((n, r) => n + Math.round(r.api.errorRate * r.api.reqs), 0);
  targets.push({ label: "0 errors (all scenarios)", measured: `${errors} failed requests`, pass: errors === 0 });
  const rss = Math.max(0, ...results.map((r) => r.rssPeakMb));
  targets.push({
    label: "API RSS ≤ 200 MB (peak over all scenarios)",
    measured: `${rss.toFixed(0)} MB`,
    pass: rss <= 200,
  });
  return targets;
}

const row = (label: string, s: K6Summary, rss: string) =>
  `| ${label} | ${s.rps.toFixed(0)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${pct(s.errorRate)} | ${s.checksFailed} | ${rss} |`;

export function scenarioTable(s: ScenarioResult): string {
  return [
    `### ${s.name}: ${s.title} (${s.vus} connections)`,
    "",
    "| server | req/s | p50 ms | p95 ms | p99 ms | errors | failed checks | RSS peak |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    row("Clipper API", s.api, `${s.rssPeakMb.toFixed(0)} MB`),
    row("hello-world baseline", s.baseline, "—"),
    "",
    `API req/s = **${pct(ratio(s))}** of the baseline's; k6 thresholds ${s.api.thresholdsOk ? "passed" : "**crossed**"}.`,
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
  k6How: string;
  commands: string[];
}

export async function renderReport(r: ReportInput): Promise<string> {
  const redis = await new Response(Bun.spawn(["redis-server", "--version"], { stdout: "pipe" }).stdout).text();
  const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(" ");
  const search = r.hybrid ? "hybrid (BM25 + vectors)" : "lexical only";
  const hashing =
    r.embedder === "hashing"
      ? ". The hashing provider costs nothing per query; the production model (local USE-lite) also loads into the API, about +100 MB RSS (measure with --embedder local)"
      : "";
  return [
    `# Benchmark ${r.date}`,
    "",
    `Run of \`bun run bench${r.argv.length ? ` -- ${r.argv.join(" ")}` : ""}\` (scripts/bench/run.ts). Every request went to 127.0.0.1. k6 ran on the same machine as the servers, so they share the CPU.`,
    "",
    "## Machine",
    "",
    `- CPU: ${cpus()[0]?.model ?? "?"}, ${cpus().length} cores; memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- load average (1/5/15 min) at the start: ${load(r.loadAtStart)}; at the end: ${load(loadavg())}`,
    `- Bun ${Bun.version}; k6 ${K6_VERSION} (${r.k6How}); PostgreSQL ${r.counts?.pg}; Redis ${redis.match(/v=(\S+)/)?.[1]}`,
    `- data: ${r.counts?.clips} clips, ${r.counts?.embedded} of them with embeddings (${r.embedder}); search ${search}${hashing}`,
    ...r.notes.map((n) => `- ${n}`),
    "",
    "## Targets",
    "",
    targetsTable(r.targets),
    "",
    "## Scenarios",
    "",
    `Each scenario and each baseline run lasted ${r.duration}. Connections (k6 VUs) were held constant, with no think time, and rate limits were off (RATE_LIMIT_ENABLED=false). The baseline is test/load/hello-server.ts (Bun + Hono, one JSON route) under the same k6 settings. RSS is the API process's VmRSS, sampled every 250 ms.`,
    "",
    ...r.results.map(scenarioTable),
    "## Commands",
    "",
    "```sh",
    ...r.commands,
    `# k6 binary: ${K6_BIN}`,
    "```",
    "",
  ].join("\n");
}

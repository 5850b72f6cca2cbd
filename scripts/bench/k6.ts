import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { runCommand } from "./processes";
import type { LoadSummary } from "./summary";

/** Built from the Go module proxy with the installed Go (k6 v1.8.1 needs Go ≥ 1.25). */
export const K6_VERSION = "v1.8.1";
const K6_BIN_DIR = process.env.K6_BIN_DIR ?? join(homedir(), ".cache/clipper/bin");
export const K6_BIN = join(K6_BIN_DIR, "k6");

/** Installs k6 into the cache dir unless the pinned version is already there; returns how it got it. */
export async function ensureK6(log: (line: string) => void): Promise<string> {
  if (existsSync(K6_BIN)) {
    const { out } = await runCommand([K6_BIN, "version"]);
    if (out.includes(K6_VERSION)) return `cached ${K6_BIN}`;
  }
  mkdirSync(K6_BIN_DIR, { recursive: true });
  log(`building k6 ${K6_VERSION} with ${(await runCommand(["go", "version"])).out.trim()} (takes minutes) ...`);
  const started = performance.now();
  const { out, code } = await runCommand(["go", "install", `go.k6.io/k6@${K6_VERSION}`], {
    GOBIN: K6_BIN_DIR,
    GOTOOLCHAIN: "local",
  });
  if (code !== 0) throw new Error(`go install go.k6.io/k6@${K6_VERSION} failed:\n${out}`);
  return `built in ${Math.round((performance.now() - started) / 1000)} s`;
}

/** The parts of k6's --summary-export JSON read here (trend stats as set in test/load/lib.js). */
interface SummaryMetrics {
  http_reqs: { count: number; rate: number };
  http_req_duration: Record<"p(50)" | "p(95)" | "p(99)", number>;
  http_req_failed?: { value: number };
  checks?: { fails: number };
}

export interface K6Run {
  script: string;
  vus: number;
  duration: string;
  env: Record<string, string>;
  summaryFile: string;
  /** Runs k6 under this command (taskset pinning). */
  prefix?: string[];
}

/** VUS and DURATION go through the environment: CLI --vus/--duration would replace the scripts' scenario. */
export const k6Command = (r: K6Run) => [
  K6_BIN,
  "run",
  "--quiet",
  "--no-color",
  "--summary-export",
  r.summaryFile,
  r.script,
];

/** Runs one scenario; a crossed threshold makes k6 exit 99, which is a result here, not a failure. */
export async function runK6(r: K6Run): Promise<LoadSummary> {
  const { out, code } = await runCommand([...(r.prefix ?? []), ...k6Command(r)], {
    ...r.env,
    VUS: String(r.vus),
    DURATION: r.duration,
    K6_NO_USAGE_REPORT: "true",
  });
  // k6's console (the scripts warn about each failed request) next to its summary.
  writeFileSync(r.summaryFile.replace(/\.json$/, ".log"), out);
  if (code !== 0 && code !== 99) throw new Error(`k6 ${r.script} exited ${code}:\n${out.slice(-4000)}`);
  const { metrics: m } = JSON.parse(readFileSync(r.summaryFile, "utf8")) as { metrics: SummaryMetrics };
  const duration = m.http_req_duration;
  const failed = m.http_req_failed;
  return {
    reqs: m.http_reqs.count,
    rps: m.http_reqs.rate,
    p50: duration["p(50)"],
    p95: duration["p(95)"],
    p99: duration["p(99)"],
    errorRate: failed?.value ?? 0,
    checksFailed: m.checks?.fails ?? 0,
    thresholdsOk: code === 0,
  };
}

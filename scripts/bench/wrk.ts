import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { runCommand } from "./processes";
import type { LoadSummary } from "./summary";

/** Debian's wrk: a C client that sustains several times the baseline's req/s on one core, where k6 caps it at ~25k. */
export const WRK_PACKAGE = "wrk";
const LUA = join(import.meta.dir, "wrk.lua");

const installed = async () => (await runCommand(["sh", "-c", "command -v wrk"])).code === 0;

/** Installs wrk with apt-get when it is missing and we are root (as .ci/run installs system packages). */
export async function ensureWrk(log: (line: string) => void): Promise<string> {
  const version = async () => `wrk ${(await runCommand(["wrk", "--version"])).out.match(/^wrk (\S+)/)?.[1] ?? "?"}`;
  if (await installed()) return version();
  if (process.getuid?.() !== 0) throw new Error(`wrk is missing: apt-get install -y ${WRK_PACKAGE}`);
  log(`installing ${WRK_PACKAGE} (apt-get) ...`);
  const apt = { DEBIAN_FRONTEND: "noninteractive" };
  let result = await runCommand(["apt-get", "install", "-y", "--no-install-recommends", WRK_PACKAGE], apt);
  if (result.code !== 0) {
    await runCommand(["apt-get", "update"], apt);
    result = await runCommand(["apt-get", "install", "-y", "--no-install-recommends", WRK_PACKAGE], apt);
  }
  if (result.code !== 0) throw new Error(`apt-get install ${WRK_PACKAGE} failed:\n${result.out.slice(-2000)}`);
  return `${await version()} (installed now)`;
}

export interface CorePlan {
  /** `taskset -c` prefixes for our servers and for the load client; empty on one core. */
  server: string[];
  client: string[];
  clientThreads: number;
  note: string;
}

/** The load client on the last core (two from 8 cores up), the servers on the others. */
export function planCores(count = cpus().length): CorePlan {
  if (count < 2) return { server: [], client: [], clientThreads: 1, note: "one core: client and servers share it" };
  const clientCores = count >= 8 ? 2 : 1;
  const server = `0-${count - clientCores - 1}`;
  const client = `${count - clientCores}-${count - 1}`;
  return {
    server: ["taskset", "-c", server],
    client: ["taskset", "-c", client],
    clientThreads: clientCores,
    note: `pinned with taskset: API, worker, hello-world (and PostgreSQL/Redis when the bench starts them) on cores ${server}, the load client on ${client}`,
  };
}

export interface WrkRun {
  url: string;
  connections: number;
  duration: string;
  cores: CorePlan;
  /** PATHS_FILE, AUTH, FORBID_HEADERS (scripts/bench/wrk.lua). */
  env: Record<string, string>;
  logFile: string;
}

export const wrkCommand = (r: WrkRun) => [
  ...r.cores.client,
  "wrk",
  "-t",
  String(Math.min(r.cores.clientThreads, r.connections)),
  "-c",
  String(r.connections),
  "-d",
  r.duration,
  "--timeout",
  "5s",
  "-s",
  LUA,
  r.url,
];

interface WrkJson {
  requests: number;
  duration_us: number;
  errors: number;
  status_errors: number;
  failed_checks: number;
  p50_us: number;
  p95_us: number;
  p99_us: number;
}

export async function runWrk(r: WrkRun): Promise<LoadSummary> {
  const { out, code } = await runCommand(wrkCommand(r), r.env);
  writeFileSync(r.logFile, out);
  const line = out.split("\n").find((l) => l.startsWith("WRK_JSON "));
  if (code !== 0 || !line) throw new Error(`wrk ${r.url} exited ${code}:\n${out.slice(-2000)}`);
  const w = JSON.parse(line.slice("WRK_JSON ".length)) as WrkJson;
  return {
    reqs: w.requests,
    rps: w.requests / (w.duration_us / 1e6),
    p50: w.p50_us / 1000,
    p95: w.p95_us / 1000,
    p99: w.p99_us / 1000,
    errorRate: w.requests ? (w.errors + w.status_errors) / w.requests : 1,
    checksFailed: w.failed_checks,
    thresholdsOk: true,
  };
}

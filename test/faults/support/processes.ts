import { type Spawned, spawnBun } from "../../support/process";

const ROOT = new URL("../../..", import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `bun run --no-env-file <script> ...args` with exactly `env` (plus PATH and HOME). */
export function startScript(args: string[], env: Record<string, string>) {
  return Bun.spawn([process.execPath, "run", "--no-env-file", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
}

/** Runs a script to completion (SIGKILLed after `timeoutMs`); returns its exit code and output. */
export async function runScript(args: string[], env: Record<string, string>, timeoutMs: number) {
  const proc = startScript(args, env);
  const timer = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
  const [code, stdout, stderr] = await Promise.all([
    proc.exited,
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
  ]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** A long-running bun process (API, worker) that can be SIGKILLed and started again with the same env. */
export interface Managed {
  readonly current: Spawned | undefined;
  start(): Spawned;
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
  alive(): boolean;
}

export function managed(file: string, env: Record<string, string>): Managed {
  let current: Spawned | undefined;
  const alive = () => !!current && current.proc.exitCode === null && current.proc.signalCode === null;
  return {
    get current() {
      return current;
    },
    start() {
      current = spawnBun(file, env);
      return current;
    },
    async kill() {
      if (alive()) current?.proc.kill("SIGKILL");
      await current?.proc.exited;
    },
    async stop(timeoutMs = 15_000) {
      if (!alive()) return;
      current?.proc.kill("SIGTERM");
      await current?.exit(timeoutMs);
    },
    alive,
  };
}

/** Polls `check` every `intervalMs` until it returns true; false if `timeoutMs` passes first. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(intervalMs);
  }
  return false;
}

export { sleep };

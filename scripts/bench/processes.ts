import { readdirSync, readFileSync } from "node:fs";
import type { Subprocess } from "bun";

export interface Started {
  name: string;
  proc: Subprocess;
}

/** Runs a command to its end; its stdout and stderr together, and its exit code. */
export async function runCommand(cmd: string[], env: Record<string, string | undefined> = {}) {
  const proc = Bun.spawn(cmd, { env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { out: out + err, code };
}

/** Starts a long-running child with its output in a log file (errors show up there, not on the bench's console). */
export function startProcess(
  name: string,
  cmd: string[],
  cwd: string,
  env: Record<string, string>,
  logFile: string,
): Started {
  const proc = Bun.spawn(cmd, {
    cwd,
    env: { ...process.env, ...env },
    stdout: Bun.file(logFile),
    stderr: Bun.file(logFile),
  });
  return { name, proc };
}

/** A server already on the port would answer the readiness check in place of ours. */
export async function assertPortFree(port: number): Promise<void> {
  const answered = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then(
    () => true,
    () => false,
  );
  if (answered) throw new Error(`127.0.0.1:${port} is already in use; stop what listens there first`);
}

export async function waitForOk(url: string, timeoutMs: number, started: Started): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.proc.exitCode !== null) throw new Error(`${started.name} exited with ${started.proc.exitCode}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await Bun.sleep(250);
  }
  throw new Error(`${started.name} was not ready at ${url} within ${timeoutMs} ms`);
}

/** SIGTERM (graceful shutdown), then SIGKILL after `graceMs`. */
export async function stopProcess(started: Started, graceMs = 10_000): Promise<void> {
  if (started.proc.exitCode !== null) return;
  started.proc.kill("SIGTERM");
  const timer = setTimeout(() => started.proc.kill("SIGKILL"), graceMs);
  await started.proc.exited;
  clearTimeout(timer);
}

function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ").filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** `bun run start` may run the server in a child process: the server is the deepest descendant. */
export function serverPid(rootPid: number): number {
  const kids = children(rootPid);
  return kids.length ? serverPid(kids[0] as number) : rootPid;
}

export function rssMb(pid: number): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Number(line[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's VmRSS every `everyMs` until stopped; returns the peak and the last sample in MB. */
export function sampleRss(pid: number, everyMs = 250) {
  let peak = 0;
  let last = 0;
  const take = () => {
    const mb = rssMb(pid);
    if (mb === undefined) return;
    last = mb;
    peak = Math.max(peak, mb);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakMb: peak, lastMb: last };
    },
  };
}

import { createServer } from "node:net";

const ROOT = new URL("../..", import.meta.url).pathname;

export interface Spawned {
  proc: Bun.Subprocess<"ignore", "pipe", "pipe">;
  /** Resolves with the first stdout line matching `predicate`, or rejects after `timeoutMs`. */
  waitForLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Exit code, or `undefined` if the process is still running after `timeoutMs` (it is then killed). */
  exit(timeoutMs?: number): Promise<number | undefined>;
  output(): Promise<{ stdout: string; stderr: string }>;
}

/**
 * Runs `bun run <file>` from the repository root with exactly `env` (plus PATH and HOME):
 * `--no-env-file` keeps a developer's .env out of it.
 */
export function spawnBun(file: string, env: Record<string, string>): Spawned {
  const proc = Bun.spawn([process.execPath, "run", "--no-env-file", file], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  let stdout = "";
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const reading = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of proc.stdout) {
      stdout += decoder.decode(chunk, { stream: true });
      const parts = stdout.split("\n");
      lines.splice(0, lines.length, ...parts.slice(0, -1));
      for (const wake of waiters) wake();
    }
  })();
  const stderr = new Response(proc.stderr).text();
  void proc.exited
    .then(() => reading)
    .then(() => {
      for (const wake of waiters) wake();
    });

  return {
    proc,
    waitForLine: (predicate, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching line within ${timeoutMs} ms; stdout so far:\n${stdout}`));
        }, timeoutMs);
        const check = () => {
          const line = lines.find(predicate);
          if (line !== undefined || proc.exitCode !== null) {
            clearTimeout(timer);
            waiters.delete(check);
            if (line !== undefined) resolve(line);
            else reject(new Error(`process exited ${proc.exitCode} first; stdout:\n${stdout}`));
          }
        };
        waiters.add(check);
        check();
      }),
    exit: async (timeoutMs = 15_000) => {
      let timer: Timer | undefined;
      const timedOut = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), timeoutMs);
      });
      const code = await Promise.race([proc.exited, timedOut]);
      clearTimeout(timer);
      if (code === undefined) proc.kill("SIGKILL");
      return code;
    },
    output: async () => {
      await proc.exited;
      await reading;
      return { stdout, stderr: await stderr };
    },
  };
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

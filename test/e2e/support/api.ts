import { randomBytes } from "node:crypto";
import { type Spawned, spawnBun } from "../../support/process";

const STARTUP_TIMEOUT_MS = 120_000;

export interface RunningApi {
  /** `http://localhost:<port>`: the browser and the SPA stub both say localhost, so Lax cookies flow between them. */
  url: string;
  process: Spawned;
  stop(): Promise<void>;
}

export const localUrl = (port: number) => `http://localhost:${port}`;

/**
 * Starts the real API process (src/server.ts, what `bun run start` runs; spawned directly so `--no-env-file` keeps a
 * developer's .env out) on `port` (from `closedPort()`, known up front so the SPA stub can point at it), and waits
 * for its "listening" log line.
 */
export async function startApi(port: number, env: Record<string, string>): Promise<RunningApi> {
  const url = localUrl(port);
  const proc = spawnBun("src/server.ts", {
    HOST: "127.0.0.1",
    PORT: String(port),
    JWT_SECRET: randomBytes(32).toString("hex"),
    TWITCH_REDIRECT_URI: `${url}/api/v1/auth/twitch/callback`,
    LOG_LEVEL: "info",
    ...env,
  });
  try {
    await proc.waitForLine((line) => line.includes('"msg":"listening"'), STARTUP_TIMEOUT_MS);
  } catch (err) {
    proc.proc.kill("SIGKILL");
    const { stderr } = await proc.output();
    throw new Error(`API did not start: ${(err as Error).message}\nstderr:\n${stderr.slice(-4000)}`);
  }
  return {
    url,
    process: proc,
    stop: async () => {
      proc.proc.kill("SIGTERM");
      await proc.exit(15_000);
    },
  };
}

import { describe, expect, test } from "bun:test";
import { closedPort, spawnBun } from "./support/process";

const SECRET = "do-not-print-this-secret-0123456789abcdef";
const TWITCH_SECRET = "twitch-client-secret-never-logged";

async function startServer(env: Record<string, string>) {
  const server = spawnBun("src/server.ts", {
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    DEMO_DATA: "false",
    DATA_DIR: "./.tmp/config-test-data",
    TWITCH_CLIENT_SECRET: TWITCH_SECRET,
    ...env,
  });
  const code = await server.exit(20_000);
  const { stdout, stderr } = await server.output();
  return { code, stdout, stderr, all: stdout + stderr };
}

describe("startup configuration", () => {
  test("an invalid PORT stops the server before it listens, naming the variable", async () => {
    const run = await startServer({ PORT: "abc", JWT_SECRET: SECRET });
    expect(run.code).not.toBe(0);
    expect(run.code).toBeDefined();
    expect(run.stderr).toContain("Invalid configuration");
    expect(run.stderr).toContain("PORT");
    expect(run.stdout).not.toContain("listening");
    expect(run.all).not.toContain(SECRET);
    expect(run.all).not.toContain(TWITCH_SECRET);
  });

  test("production without JWT_SECRET is refused", async () => {
    const run = await startServer({ NODE_ENV: "production", PORT: String(await closedPort()) });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("JWT_SECRET");
    expect(run.all).not.toContain(TWITCH_SECRET);
  });

  test("an idle timeout shorter than two Twitch timeouts, or a drain as long as the shutdown, is refused", async () => {
    const port = String(await closedPort());
    const idle = await startServer({
      PORT: port,
      JWT_SECRET: SECRET,
      HTTP_IDLE_TIMEOUT_S: "20",
      TWITCH_TIMEOUT_MS: "10000",
    });
    expect(idle.code).not.toBe(0);
    expect(idle.stderr).toContain("HTTP_IDLE_TIMEOUT_S");
    const drain = await startServer({
      PORT: port,
      JWT_SECRET: SECRET,
      SHUTDOWN_DRAIN_MS: "5000",
      SHUTDOWN_TIMEOUT_MS: "5000",
    });
    expect(drain.code).not.toBe(0);
    expect(drain.stderr).toContain("SHUTDOWN_DRAIN_MS");
  });

  test("a short JWT_SECRET is named without echoing its value", async () => {
    const short = "short-but-secret-value";
    const run = await startServer({ JWT_SECRET: short, PORT: String(await closedPort()) });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("JWT_SECRET");
    expect(run.all).not.toContain(short);
  });

  test("an unreachable DATABASE_URL fails after DATABASE_STARTUP_TIMEOUT_MS with a clear message", async () => {
    const port = await closedPort();
    const started = performance.now();
    const run = await startServer({
      PORT: String(await closedPort()),
      JWT_SECRET: SECRET,
      DATABASE_URL: `postgres://clipper:db-password-xyz@127.0.0.1:${port}/clipper`,
      DATABASE_STARTUP_TIMEOUT_MS: "1000",
    });
    expect(run.code).not.toBe(0);
    expect(run.code).toBeDefined();
    expect(run.stderr).toContain("database unreachable");
    expect(run.stderr).toContain("ECONNREFUSED");
    expect(run.all).not.toContain("db-password-xyz");
    expect(run.all).not.toContain(SECRET);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

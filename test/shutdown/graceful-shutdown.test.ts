import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPglite } from "../../src/db/client";
import { users } from "../../src/db/schema";
import { closedPort, spawnBun } from "../support/process";

/**
 * The in-flight request is a login whose body the client is still uploading when SIGTERM arrives: a slow client is
 * the real case a rolling deploy meets, and it needs no test-only route. The user it logs in as is written into the
 * data directory before the server starts (the embedded database belongs to one process at a time).
 */
const dataDir = mkdtempSync(join(tmpdir(), "clipper-shutdown-"));
const username = "shutdown_probe";

beforeAll(async () => {
  const database = await openPglite({ dataDir: join(dataDir, "pglite") });
  await database.migrate();
  await database.db.insert(users).values({ twitchId: "tw_shutdown", username, displayName: "Probe" });
  await database.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

function readResponse(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let raw = "";
    socket.on("data", (chunk) => {
      raw += chunk.toString();
    });
    socket.on("close", () => resolve(raw));
  });
}

describe("graceful shutdown", () => {
  test("SIGTERM lets the in-flight request finish, refuses new connections, runs close hooks, exits 0", async () => {
    const port = await closedPort();
    const server = spawnBun("src/server.ts", {
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      DEMO_DATA: "false",
      LOG_LEVEL: "info",
      SHUTDOWN_TIMEOUT_MS: "10000",
      OUTBOX_POLL_INTERVAL_MS: "0",
    });
    try {
      const listening = JSON.parse(await server.waitForLine((line) => line.includes('"listening"'), 60_000));
      // Embedded, so the API runs the job side too (src/background.ts); the relay is off in this test.
      expect(listening.background).toEqual([
        "view-counter",
        "trending-refresh",
        "search-log",
        "retention",
        "account-deletion",
        "analytics-rollup",
        "search-words",
      ]);
      const body = JSON.stringify({ username });
      const socket = await open(port);
      const response = readResponse(socket);
      socket.write(
        `POST /api/v1/auth/test-login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 5)}`,
      );
      await Bun.sleep(200);

      const signalled = performance.now();
      server.proc.kill("SIGTERM");
      await server.waitForLine((line) => line.includes('"shutting down"'));
      await expect(open(port)).rejects.toThrow();

      socket.write(body.slice(5));
      const raw = await response;
      expect(raw.split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
      expect(raw).toContain('"access_token"');

      expect(await server.exit(15_000)).toBe(0);
      expect(performance.now() - signalled).toBeLessThan(10_000);
      const { stdout } = await server.output();
      expect(stdout).toContain('"stopped"');
    } finally {
      server.proc.kill("SIGKILL");
    }
  }, 90_000);

  /** Starts a server with a request that never completes in flight, so the first shutdown keeps waiting. */
  async function stuckServer(timeoutMs: number) {
    const port = await closedPort();
    const server = spawnBun("src/server.ts", {
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      DEMO_DATA: "false",
      SHUTDOWN_TIMEOUT_MS: String(timeoutMs),
      SHUTDOWN_DRAIN_MS: "100",
      OUTBOX_POLL_INTERVAL_MS: "0",
    });
    await server.waitForLine((line) => line.includes('"listening"'), 60_000);
    const socket = await open(port);
    socket.on("error", () => {});
    socket.write("POST /api/v1/auth/test-login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
    await Bun.sleep(200);
    server.proc.kill("SIGTERM");
    await server.waitForLine((line) => line.includes('"shutting down"'));
    return { server, socket };
  }

  test("a second signal exits 1 without waiting", async () => {
    const { server, socket } = await stuckServer(30_000);
    try {
      server.proc.kill("SIGTERM");
      expect(await server.exit(5_000)).toBe(1);
    } finally {
      socket.destroy();
      server.proc.kill("SIGKILL");
    }
  }, 90_000);

  test("SHUTDOWN_TIMEOUT_MS passing first exits 1", async () => {
    const { server, socket } = await stuckServer(500);
    try {
      expect(await server.exit(5_000)).toBe(1);
      expect((await server.output()).stdout).toContain('"shutdown timed out"');
    } finally {
      socket.destroy();
      server.proc.kill("SIGKILL");
    }
  }, 90_000);
});

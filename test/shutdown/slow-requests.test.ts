import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPglite } from "../../src/db/client";
import { users } from "../../src/db/schema";
import { type FakeTwitch, fakeClip, startFakeTwitch } from "../support/fake-twitch";
import { closedPort, spawnBun } from "../support/process";

/**
 * Requests that wait on a slow Twitch: Bun's default idle timeout (10 s) cut them, answering nothing, and a SIGTERM
 * meanwhile still logged "stopped" and exited 0. The server here is a real process on the embedded database.
 */
const dataDir = mkdtempSync(join(tmpdir(), "clipper-slow-"));
const username = "slow_probe";
let twitch: FakeTwitch;

beforeAll(async () => {
  const database = await openPglite({ dataDir: join(dataDir, "pglite") });
  await database.migrate();
  await database.db.insert(users).values({ twitchId: "tw_slow", username, displayName: "Slow" });
  await database.close();
  twitch = startFakeTwitch();
});
afterAll(async () => {
  await twitch.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(env: Record<string, string> = {}) {
  const port = await closedPort();
  const server = spawnBun("src/server.ts", {
    HOST: "127.0.0.1",
    PORT: String(port),
    DATA_DIR: dataDir,
    DEMO_DATA: "false",
    LOG_LEVEL: "info",
    OUTBOX_POLL_INTERVAL_MS: "0",
    TWITCH_TIMEOUT_MS: "10000",
    ...twitch.env,
    ...env,
  });
  await server.waitForLine((line) => line.includes('"listening"'), 60_000);
  const base = `http://127.0.0.1:${port}/api/v1`;
  const login = await fetch(`${base}/auth/test-login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username }),
  });
  const { access_token: token } = (await login.json()) as { access_token: string };
  /** Metadata for a new clip: a cold app token, so Twitch is called twice or more (token, clip, game). */
  const metadata = () => {
    const clip = fakeClip();
    twitch.clips.set(clip.id, clip);
    return fetch(`${base}/submissions/metadata?url=${encodeURIComponent(clip.url)}`, {
      headers: { Authorization: `Bearer ${token}` },
    }).then(
      async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }),
      (err: Error) => ({ status: 0, body: { error: err.message } }),
    );
  };
  return { server, base, metadata };
}

describe("requests slower than Bun's default idle timeout", () => {
  test("Twitch answering in 8 s a call: a cold-token metadata lookup gets a 502 in the contract shape, not a reset", async () => {
    twitch.failure = "slow";
    twitch.slowMs = 8000;
    const { server, metadata } = await startServer();
    try {
      // token (8 s) + clip (8 s) overrun the clip lookup's one 10 s deadline: 502 at ~10 s. Before, each call had its
      // own 10 s and the game lookup followed: ~24 s of silence, which Bun's default idle timeout cut (a reset).
      const answer = await metadata();
      expect(answer.status).toBe(502);
      expect(answer.body).toEqual({
        success: false,
        error: expect.any(String),
        code: "UPSTREAM_ERROR",
        request_id: expect.any(String),
      });
    } finally {
      server.proc.kill("SIGKILL");
    }
  }, 90_000);

  test("SIGTERM with 13 s requests in flight: readiness fails first, every request is answered, then exit 0", async () => {
    twitch.failure = "slow";
    twitch.slowMs = 4500;
    const { server, base, metadata } = await startServer({ SHUTDOWN_TIMEOUT_MS: "40000", SHUTDOWN_DRAIN_MS: "1500" });
    try {
      // token + clip (9 s, inside one deadline), then the game (4.5 s): ~13.5 s each, all answered 200.
      const slow = [metadata(), metadata(), metadata()];
      await Bun.sleep(1500);
      const lastMoment = Array.from({ length: 10 }, () => fetch(`${base}/ping`).then((r) => r.status));
      server.proc.kill("SIGTERM");
      await server.waitForLine((line) => line.includes('"draining"'));
      const ready = await fetch(`http://${new URL(base).host}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "draining" });
      expect(ready.headers.get("connection")).toBe("close");
      const duringDrain = await fetch(`${base}/ping`);
      expect(duringDrain.status).toBe(200);

      expect(await Promise.all(lastMoment)).toEqual(Array(10).fill(200));
      expect((await Promise.all(slow)).map((a) => a.status)).toEqual([200, 200, 200]);
      expect(await server.exit(45_000)).toBe(0);
      const { stdout } = await server.output();
      expect(stdout).toContain('"stopped"');
      expect(stdout).not.toContain('"shutdown timed out"');
    } finally {
      twitch.failure = "none";
      server.proc.kill("SIGKILL");
    }
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestContext, json, type TestContext } from "../support/app";
import { closedPort } from "../support/process";

const bigCookie = `session_hint=${"a".repeat(20_000)}`;

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("request headers over the limit", () => {
  test("get a 431 in the contract's JSON shape", async () => {
    const res = await t.request("/api/v1/feeds/clips", { headers: { Cookie: bigCookie } });
    expect(res.status).toBe(431);
    expect(await json(res)).toEqual({
      success: false,
      error: "Request headers too large",
      code: "HEADERS_TOO_LARGE",
      request_id: expect.any(String),
    });
  });

  test("headers under the limit pass", async () => {
    const res = await t.request("/api/v1/ping", { headers: { Cookie: `session_hint=${"a".repeat(8_000)}` } });
    expect(res.status).toBe(200);
  });

  test("through the real listener started as `bun run start` starts it, the 431 still carries JSON", async () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } };
    const flags =
      pkg.scripts.start
        .match(/\bbun((?:\s+--[\w-]+=\S+)*)\s+run\b/)?.[1]
        ?.trim()
        .split(/\s+/) ?? [];
    expect(flags).toContain("--max-http-header-size=65536");
    const dataDir = mkdtempSync(join(tmpdir(), "clipper-431-"));
    const port = await closedPort();
    // The start script's flags go before `run`, as there.
    const proc = Bun.spawn([process.execPath, ...flags, "run", "--no-env-file", "src/server.ts"], {
      env: {
        PATH: process.env.PATH ?? "",
        HOST: "127.0.0.1",
        PORT: String(port),
        DATA_DIR: dataDir,
        DEMO_DATA: "false",
      },
      stdout: "pipe",
      stderr: "pipe",
    });
    try {
      let ready = false;
      for (let i = 0; i < 600 && !ready; i++) {
        ready = await fetch(`http://127.0.0.1:${port}/health/live`).then(
          (r) => r.ok,
          () => false,
        );
        if (!ready) await Bun.sleep(100);
      }
      expect(ready).toBe(true);
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/feeds/clips`, { headers: { Cookie: bigCookie } });
      expect(res.status).toBe(431);
      expect(await res.json()).toMatchObject({ success: false, code: "HEADERS_TOO_LARGE" });
    } finally {
      proc.kill("SIGKILL");
      await proc.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

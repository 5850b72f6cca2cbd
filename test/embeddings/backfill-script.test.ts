import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openPglite, queryRows } from "../../src/db/client";
import { clipVectorModel } from "../../src/platform/embeddings/clip-vectors";
import { HASHING_MODEL_ID } from "../../src/platform/embeddings/hashing";

const ROOT = new URL("../..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "clipper-backfill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: process.env.HOME ?? "/tmp",
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  DATA_DIR: dir,
  DEMO_DATA: "false",
  EMBEDDING_PROVIDER: "hashing",
  JWT_SECRET: "backfill-test-secret-at-least-32-bytes-long",
};
const run = (script: string, args: string[]) =>
  Bun.spawn([process.execPath, "run", "--no-env-file", script, ...args], {
    cwd: ROOT,
    env,
    stdout: "pipe",
    stderr: "pipe",
  });

describe("bun run backfill-embeddings", () => {
  test("killed mid-run (SIGKILL), it resumes from its checkpoint and ends with every clip embedded", async () => {
    expect(await run("scripts/seed.ts", ["--clips", "300"]).exited).toBe(0);

    const checkpoint = join(dir, "backfill-embeddings.json");
    const first = run("scripts/backfill-embeddings.ts", ["--batch", "1"]);
    const deadline = Date.now() + 60_000;
    while (!existsSync(checkpoint) && first.exitCode === null && Date.now() < deadline) await Bun.sleep(5);
    first.kill("SIGKILL");
    await first.exited;
    expect(first.signalCode).toBe("SIGKILL");
    expect(existsSync(checkpoint)).toBe(true);

    const second = run("scripts/backfill-embeddings.ts", ["--batch", "50"]);
    const [stdout, stderr, code] = await Promise.all([
      new Response(second.stdout).text(),
      new Response(second.stderr).text(),
      second.exited,
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain("resuming after clip");
    expect(stdout).toMatch(/embedded \d+ clips/);
    expect(existsSync(checkpoint)).toBe(false);

    const database = await openPglite({ dataDir: join(dir, "pglite") });
    try {
      const [row] = await queryRows<{ visible: number; embedded: number }>(
        database.db,
        sql`select count(*)::int as visible,
          count(*) filter (where embedding is not null and embedding_model = ${clipVectorModel({ model: HASHING_MODEL_ID })})::int as embedded
          from clips where not is_removed`,
      );
      expect(row!.visible).toBeGreaterThan(0);
      expect(row!.embedded).toBe(row!.visible);
    } finally {
      await database.close();
    }
  }, 120_000);
});

import { describe, expect, test } from "bun:test";
import { spawnBun } from "../support/process";

async function run(fault: string) {
  const child = spawnBun("test/observability/fixtures/uncaught.ts", { FAULT: fault });
  const code = await child.exit(30_000);
  const { stdout, stderr } = await child.output();
  const lines = stdout.trim().split("\n");
  return { code, stderr, messages: lines.map((line) => (JSON.parse(line) as { msg: string; level: number }).msg) };
}

describe("process guard: errors no caller caught", () => {
  test("a database driver connection fault is logged as JSON and the process keeps serving", async () => {
    const { code, messages } = await run("driver");
    expect(messages).toEqual(["uncaught database driver error: connection dropped, still serving", "still alive"]);
    expect(code).toBe(0);
  });

  test("an unhandled rejection is logged as JSON and the process keeps serving", async () => {
    const { code, messages } = await run("rejection");
    expect(messages).toEqual(["unhandled promise rejection", "still alive"]);
    expect(code).toBe(0);
  });

  test("any other uncaught exception is logged as JSON and exits 1", async () => {
    const { code, messages, stderr } = await run("bug");
    expect(messages).toEqual(["uncaught exception: exiting"]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
  });
});

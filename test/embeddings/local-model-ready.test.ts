import { describe, expect, test } from "bun:test";
import { spawnBun } from "../support/process";

// initModel() started reading the weights while tfjs was still initialising its WASM backend; the first tensor the
// weights made threw "Backend 'wasm' has not yet been initialized" whenever the backend was the slower of the two
// (two model threads starting together on a loaded 2-core CI box). The model now loads only on a ready backend.
describe("local embedding model", () => {
  test("loads when the WASM backend initialises slower than the weights are read", async () => {
    const child = spawnBun("test/embeddings/fixtures/slow-wasm-backend.ts", { BACKEND_DELAY_MS: "3000" });
    const code = await child.exit(120_000);
    const { stdout } = await child.output();
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual({ ok: true, dimensions: 512 });
  }, 150_000);
});

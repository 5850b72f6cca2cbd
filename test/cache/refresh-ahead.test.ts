import { describe, expect, test } from "bun:test";
import { createRefresher } from "../../src/platform/cache/refresh-ahead";

describe("refresh-ahead reloads", () => {
  test("run one at a time, and a key is queued again only after a quarter of its TTL", async () => {
    let clock = 0;
    const errors: unknown[] = [];
    const refresh = createRefresher(
      (err) => errors.push(err),
      () => clock,
    );
    let running = 0;
    let most = 0;
    const runs: string[] = [];
    const reload = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      await Bun.sleep(5);
      runs.push(name);
      running--;
      if (name === "b") throw new Error("degraded");
    };
    for (const key of ["a", "b", "c", "a", "b"]) refresh(key, 60, reload(key));
    await Bun.sleep(60);
    expect(runs).toEqual(["a", "b", "c"]);
    expect(most).toBe(1);
    expect(errors).toHaveLength(1);
    // A failed key is not retried before 15 s (a quarter of 60 s), then it is.
    clock = 14_999;
    refresh("b", 60, reload("b"));
    clock = 15_000;
    refresh("b", 60, reload("b"));
    await Bun.sleep(20);
    expect(runs).toEqual(["a", "b", "c", "b"]);
  });
});

import { describe, expect, test } from "bun:test";
import { spawnBun } from "../support/process";

const url = process.env.TEST_DATABASE_URL;

// postgres@3.4.9 wrote to a socket that `closed()` had set to null: an uncaught TypeError from a timer or the data
// handler that no try/catch could reach, so the process died (seen when PostgreSQL restarted under load). The
// patch in patches/ settles the query with CONNECTION_CLOSED instead and drops bytes buffered for the dead socket;
// a query sent between a socket error and the close, which was never answered (a hang), is rejected too.
describe.if(!!url)("postgres driver after its server closed the connection (TEST_DATABASE_URL)", () => {
  test("a reserved or in-transaction connection whose backend was terminated rejects its queries; the pool recovers", async () => {
    const child = spawnBun("test/database/fixtures/reserved-after-terminate.ts", { TEST_DATABASE_URL: url! });
    const code = await child.exit(60_000);
    const { stdout, stderr } = await child.output();
    expect({ code, stderr: stderr.includes("socket.write") ? stderr : "" }).toEqual({ code: 0, stderr: "" });
    const rounds = JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, string>[];
    expect(rounds).toHaveLength(10);
    for (const r of rounds) {
      expect([r.first, r.second, r.transaction].filter((o) => o === "ok")).toEqual([]);
      expect([r.pooled, r.afterTransaction]).toEqual(["ok", "ok"]);
    }
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { searchPath, uniqueWord } from "../search/fixtures";
import { json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser } from "../support/users";
import { closedPort, contextWithOpenSearch } from "./support";

const quiet = { OUTBOX_POLL_INTERVAL_MS: "0", OPENSEARCH_BREAKER_FAILURES: "2" };

async function expectFailover(t: TestContext, q: string, clipId: string, reason: string) {
  const res = await t.request(searchPath({ q, type: "clips" }));
  expect(res.status).toBe(200);
  expect(res.headers.get("x-search-failover")).toBe("true");
  expect(res.headers.get("x-search-failover-reason")).toBe(reason);
  expect(res.headers.get("x-search-failover-service")).toBe("opensearch");
  const body = await json(res);
  expect(body.results.clips.map((c: { id: string }) => c.id)).toEqual([clipId]);
}

describe("OpenSearch unreachable (closed port): Postgres answers, never 503", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await contextWithOpenSearch(`http://127.0.0.1:${await closedPort()}`, quiet);
  });
  afterAll(() => t.close());

  test("errors fail over per request, then the open circuit skips OpenSearch; readiness stays 200 but degraded", async () => {
    const word = uniqueWord();
    const user = await createUser(t);
    const clip = await createClip(t, user.id, { title: `clutch ${word}` });
    await expectFailover(t, word, clip.id, "error");
    await expectFailover(t, word, clip.id, "circuit-open");
    const ready = await t.request("/health/ready");
    expect(ready.status).toBe(200);
    const body = await json(ready);
    expect(body.status).toBe("degraded");
    expect(body.checks.opensearch).toMatchObject({ status: "down", circuit: "open" });
  });

  test("suggestions never depend on OpenSearch", async () => {
    const res = await t.request("/api/v1/search/suggestions?q=cl");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-search-failover")).toBeNull();
  });
});

// Far slower than any search answered from Postgres, even on a loaded CI box: an answer in under half of it cannot
// have waited for the node.
const SLOW_NODE_MS = 15_000;

describe("OpenSearch too slow (a fake node that sleeps)", () => {
  let t: TestContext;
  let slow: ReturnType<typeof Bun.serve>;
  beforeAll(async () => {
    slow = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch: async () => {
        await Bun.sleep(SLOW_NODE_MS);
        return Response.json({});
      },
    });
    t = await contextWithOpenSearch(`http://127.0.0.1:${slow.port}`, { ...quiet, OPENSEARCH_TIMEOUT_MS: "100" });
  });
  afterAll(async () => {
    await t.close();
    await slow.stop(true);
  });

  test("a timeout answers from Postgres within the budget and opens the circuit at once", async () => {
    const word = uniqueWord();
    const user = await createUser(t);
    const clip = await createClip(t, user.id, { title: `ace ${word}` });
    const started = performance.now();
    await expectFailover(t, word, clip.id, "timeout");
    expect(performance.now() - started).toBeLessThan(SLOW_NODE_MS / 2);
    await expectFailover(t, word, clip.id, "circuit-open");
    expect((await json(await t.request("/health/ready"))).checks.opensearch.status).toBe("down");
  });
});

describe("without OpenSearch", () => {
  let t: TestContext;
  beforeAll(async () => {
    const { createTestContext } = await import("../support/app");
    t = await createTestContext(quiet);
  });
  afterAll(() => t.close());

  test("search has no failover headers and readiness reports opensearch disabled", async () => {
    const res = await t.request(searchPath({ q: uniqueWord() }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-search-failover")).toBeNull();
    const ready = await json(await t.request("/health/ready"));
    expect(ready.checks.opensearch).toEqual({ status: "disabled" });
  });
});

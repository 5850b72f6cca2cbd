import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import type { Job } from "bullmq";
import { createMetricsServerApp } from "../../src/modules/metrics/routes";
import { createInProcessQueue } from "../../src/platform/jobs/in-process-queue";
import { observeEmbeddingLatency, observeSearchLatency } from "../../src/platform/metrics/registry";
import { createJobHandler } from "../../workers/start-workers";
import { createTestContext, json, type TestContext } from "../support/app";
import { silentLogger } from "../support/jobs";
import { createUser } from "../support/users";

const TOKEN = `metrics-${randomUUID()}`;
const auth = { authorization: `Bearer ${TOKEN}` };

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ METRICS_TOKEN: TOKEN });
});
afterAll(() => t.close());

async function scrape(): Promise<string> {
  const res = await t.request("/metrics", { headers: auth });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return res.text();
}

describe("GET /metrics", () => {
  test("exposes request, database, queue, cache, search and process families", async () => {
    const missingId = randomUUID();
    expect((await t.request("/api/v1/ping")).status).toBe(200);
    expect((await t.request(`/api/v1/clips/${missingId}`)).status).toBe(404);
    observeSearchLatency("opensearch", 0.012);
    observeEmbeddingLatency(0.03);

    const body = await scrape();
    expect(body).toContain('http_requests_total{method="GET",route="/api/v1/ping",status="200"}');
    expect(body).toContain('http_requests_total{method="GET",route="/api/v1/clips/:id",status="404"}');
    expect(body).toContain('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/ping"}');
    expect(body).toContain("# TYPE http_request_errors_total counter");
    expect(body).toMatch(/db_query_duration_seconds_count\{operation="select"\} [1-9]/);
    expect(body).toContain('job_queue_jobs{queue="search-index",state="waiting"}');
    expect(body).toContain('job_queue_jobs{queue="embed",state="failed"}');
    expect(body).toContain("# TYPE cache_hits_total counter");
    expect(body).toContain("# TYPE cache_misses_total counter");
    expect(body).toContain('search_request_duration_seconds_count{engine="opensearch"}');
    expect(body).toMatch(/embedding_duration_seconds_count [1-9]/);
    expect(body).toContain("process_cpu_user_seconds_total");
    // Route templates only: a raw id would make one series per clip.
    expect(body).not.toContain(missingId);
  });

  test("the document describes the scrape as Prometheus text, not JSON", async () => {
    const spec = await json(await t.request("/api/v1/openapi.json"));
    expect(spec.paths["/metrics"].get.responses["200"].content).toEqual({
      "text/plain; version=0.0.4; charset=utf-8": {
        schema: { $ref: "#/components/schemas/MetricsText" },
        example: expect.stringContaining("# TYPE http_requests_total counter"),
      },
    });
  });

  test("route labels are the route templates, without the parameters' regular expressions", async () => {
    const user = await createUser(t);
    expect((await t.request(`/api/v1/users/${user.id}`)).status).toBe(200);
    expect((await t.request(`/api/v1/users/${user.id}/upvoted`)).status).toBe(200);
    expect((await t.request(`/api/v1/users/${user.id}/followers`)).status).toBe(200);
    const body = await scrape();
    expect(body).toContain('http_requests_total{method="GET",route="/api/v1/users/:id",status="200"}');
    expect(body).toContain('http_requests_total{method="GET",route="/api/v1/users/:id/upvoted",status="200"}');
    expect(body).toContain('http_requests_total{method="GET",route="/api/v1/users/:id/followers",status="200"}');
    expect(body).not.toMatch(/route="[^"]*[{}]/);
  });

  test("cache hits and misses are counted by namespace", async () => {
    // A signed-out feed page is stored whole by the response memo (namespace responses): a miss, then a replay.
    const value = (body: string, name: string) =>
      Number(new RegExp(`^${name}\\{namespace="responses"\\} (\\d+)$`, "m").exec(body)?.[1] ?? 0);
    const before = await scrape();
    const path = `/api/v1/feeds/clips?sort=new&limit=${11 + Math.floor(Math.random() * 50)}`;
    expect((await t.request(path)).status).toBe(200);
    expect((await t.request(path)).status).toBe(200);
    const after = await scrape();
    expect(value(after, "cache_misses_total")).toBeGreaterThan(value(before, "cache_misses_total"));
    expect(value(after, "cache_hits_total")).toBeGreaterThan(value(before, "cache_hits_total"));
    expect(after).toContain("# TYPE cache_errors_total counter");
  });

  test("job runs are timed and counted as completed or failed, in-process and in the BullMQ worker", async () => {
    const queue = createInProcessQueue(silentLogger, 1);
    queue.setProcessors({
      "search-index": {
        "metrics-ok": async () => {},
        "metrics-boom": async () => {
          throw new Error("boom");
        },
      },
    });
    await queue.enqueue("search-index", "metrics-ok", {});
    await queue.enqueue("search-index", "metrics-boom", {});
    await queue.drain();
    await queue.close();
    const handler = createJobHandler("embed", { embed: { "metrics-worker": async () => {} } });
    await handler({ name: "metrics-worker", data: {} } as Job);

    const body = await scrape();
    expect(body).toContain('jobs_completed_total{queue="search-index",job="metrics-ok"} 1');
    expect(body).toMatch(/jobs_failed_total\{queue="search-index",job="metrics-boom"\} [1-9]/);
    expect(body).not.toContain('jobs_completed_total{queue="search-index",job="metrics-boom"}');
    expect(body).toContain('job_duration_seconds_count{queue="search-index",job="metrics-ok",outcome="completed"} 1');
    expect(body).toContain('job_duration_seconds_count{queue="search-index",job="metrics-boom",outcome="failed"}');
    expect(body).toContain('jobs_completed_total{queue="embed",job="metrics-worker"} 1');
  });

  test("no token or a wrong token is a 401", async () => {
    expect((await t.request("/metrics")).status).toBe(401);
    const wrong = await t.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    const cookieOnly = await t.request("/metrics", { headers: { cookie: `access_token=${TOKEN}` } });
    expect(cookieOnly.status).toBe(401);
  });

  test("without METRICS_TOKEN the route does not exist", async () => {
    const plain = await createTestContext();
    try {
      expect((await plain.request("/metrics")).status).toBe(404);
      expect((await plain.request("/metrics", { headers: auth })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  test("with METRICS_PORT, /metrics moves to the dedicated listener", async () => {
    const separate = await createTestContext({ METRICS_PORT: "9091" });
    try {
      expect((await separate.request("/metrics", { headers: auth })).status).toBe(404);
      // That listener is private (scrapers reach it without credentials) and serves nothing else.
      const metricsApp = createMetricsServerApp(separate.deps);
      const res = await metricsApp.request("/metrics");
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("http_requests_total");
      expect((await metricsApp.request("/api/v1/ping")).status).toBe(404);
    } finally {
      await separate.close();
    }
  });
});

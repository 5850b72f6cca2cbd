import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { createMetricsServerApp } from "../../src/modules/metrics/routes";
import { observeEmbeddingLatency, observeSearchLatency } from "../../src/platform/metrics/registry";
import { createTestContext, type TestContext } from "../support/app";

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

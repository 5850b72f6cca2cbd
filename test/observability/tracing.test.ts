import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace";
import type { Job } from "bullmq";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { traceRequests } from "../../src/http/middleware/tracing";
import { createInProcessQueue } from "../../src/platform/jobs/in-process-queue";
import { withTraceContext } from "../../src/platform/tracing/jobs";
import { startTracing, tracer } from "../../src/platform/tracing/tracing";
import { createJobHandler } from "../../workers/start-workers";
import { createTestContext, type TestContext } from "../support/app";

const exporter = new InMemorySpanExporter();
let stopTracing: (() => Promise<void>) | undefined;
let t: TestContext;

beforeAll(async () => {
  stopTracing = await startTracing({ serviceName: "clipper-test", exporter });
  t = await createTestContext();
});
afterAll(async () => {
  await t.close();
  await stopTracing?.();
});

const spans = () => exporter.getFinishedSpans();
const named = (name: string) => spans().filter((s: ReadableSpan) => s.name === name);

describe("tracing", () => {
  test("is off without an endpoint", async () => {
    expect(await startTracing({ serviceName: "x" })).toBeUndefined();
  });

  test("an HTTP request is a server span named by route template, continuing the caller's trace", async () => {
    exporter.reset();
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const traceparent = `00-${traceId}-00f067aa0ba902b7-01`;
    const clipId = crypto.randomUUID();
    const res = await t.request(`/api/v1/clips/${clipId}`, { headers: { traceparent } });
    expect(res.status).toBe(404);

    const [server] = named("GET /api/v1/clips/:id");
    expect(server).toBeDefined();
    expect(server!.kind).toBe(SpanKind.SERVER);
    expect(server!.spanContext().traceId).toBe(traceId);
    expect(server!.attributes["http.route"]).toBe("/api/v1/clips/:id");
    expect(server!.attributes["http.response.status_code"]).toBe(404);
    // Database queries run inside the request become its children.
    const queries = spans().filter((s) => s.name.startsWith("db "));
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.every((q) => q.spanContext().traceId === traceId)).toBe(true);
    // Statements carry placeholders, never the values.
    const texts = queries.map((q) => String(q.attributes["db.query.text"]));
    expect(texts.some((text) => text.includes("$1"))).toBe(true);
    expect(texts.join("\n")).not.toContain(clipId);
  });

  test("a job enqueued during a request runs in a span of the request's trace (in-process queue)", async () => {
    exporter.reset();
    const queue = createInProcessQueue(t.deps.logger);
    const received: unknown[] = [];
    queue.setProcessors({ "search-index": { probe: async (payload) => void received.push(payload) } });
    const app = new Hono()
      .use(requestId())
      .use(traceRequests())
      .post("/enqueue", async (c) => {
        await queue.enqueue("search-index", "probe", { clipId: "c1" });
        return c.json({ ok: true });
      });
    expect((await app.request("/enqueue", { method: "POST" })).status).toBe(200);
    await queue.drain();
    await queue.close();

    const [server] = named("POST /enqueue");
    const [job] = named("job search-index/probe");
    expect(job!.kind).toBe(SpanKind.CONSUMER);
    expect(job!.spanContext().traceId).toBe(server!.spanContext().traceId);
    expect(job!.parentSpanContext?.spanId).toBe(server!.spanContext().spanId);
    expect(received).toEqual([{ clipId: "c1" }]);
  });

  test("the BullMQ worker handler extracts the trace context carried in the job data", async () => {
    exporter.reset();
    const received: unknown[] = [];
    const handler = createJobHandler("embed", { embed: { "embed-clip": async (p) => void received.push(p) } });
    const data = tracer().startActiveSpan("producer", (span) => {
      const payload = withTraceContext({ clipId: "c2" });
      span.end();
      return payload;
    });
    expect(data).toHaveProperty("_trace");
    await handler({ name: "embed-clip", data } as Job);

    const [producer] = named("producer");
    const [job] = named("job embed/embed-clip");
    expect(job!.spanContext().traceId).toBe(producer!.spanContext().traceId);
    expect(job!.parentSpanContext?.spanId).toBe(producer!.spanContext().spanId);
    expect(received).toEqual([{ clipId: "c2" }]);
  });
});

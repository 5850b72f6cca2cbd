import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace";
import type { Redis } from "ioredis";
import { connectRedis } from "../../src/platform/redis";
import { startTracing, tracer } from "../../src/platform/tracing/tracing";
import { silentLogger } from "../support/jobs";

const redisUrl = process.env.TEST_REDIS_URL;
const exporter = new InMemorySpanExporter();
let stopTracing: (() => Promise<void>) | undefined;
let redis: Redis | undefined;

beforeAll(async () => {
  if (!redisUrl) return;
  stopTracing = await startTracing({ serviceName: "clipper-test", exporter });
  redis = await connectRedis(redisUrl, "api", silentLogger);
});
afterAll(async () => {
  redis?.disconnect();
  await stopTracing?.();
});

describe.skipIf(!redisUrl)("redis tracing", () => {
  test("each command is a client span under the active span, without its arguments", async () => {
    const key = `test:trace:${crypto.randomUUID()}`;
    await tracer().startActiveSpan("parent", async (parent) => {
      await redis!.set(key, "secret-value", "EX", 10);
      await redis!.get(key);
      parent.end();
    });
    const spans = exporter.getFinishedSpans();
    const parent = spans.find((s) => s.name === "parent")!;
    const commands = spans.filter((s) => s.name === "redis set" || s.name === "redis get");
    expect(commands.map((s) => s.name).sort()).toEqual(["redis get", "redis set"]);
    for (const span of commands) {
      expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      expect(JSON.stringify(span.attributes)).not.toContain("secret-value");
    }
  });
});

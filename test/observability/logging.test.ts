import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace";
import { loadConfig } from "../../src/config";
import { createDeps, type Deps } from "../../src/deps";
import { createLogger } from "../../src/platform/logger";
import { startTracing } from "../../src/platform/tracing/tracing";
import { contextFor, TEST_JWT_SECRET, type TestContext } from "../support/app";
import { createTestDatabase } from "../support/database";
import { createUser } from "../support/users";

const lines: string[] = [];
let deps: Deps;
let t: TestContext;

beforeAll(async () => {
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "debug",
    JWT_SECRET: TEST_JWT_SECRET,
    DEMO_DATA: "false",
    METRICS_TOKEN: "metrics-token-that-must-not-leak",
  });
  const logger = createLogger(config, { write: (line: string) => void lines.push(line) });
  deps = await createDeps(config, { database: await createTestDatabase(), logger });
  t = await contextFor(deps);
});
afterAll(() => t.close());

const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("logs", () => {
  test("are JSON lines with level labels and a request id, and never carry credentials", async () => {
    const user = await createUser(t);
    const secrets = [user.token, "refresh-secret-value", "csrf-secret-value", "metrics-token-that-must-not-leak"];
    const cookie = `access_token=${user.token}; refresh_token=${secrets[1]}; csrf_token=${secrets[2]}`;
    lines.length = 0;

    expect((await t.request("/api/v1/auth/me", { headers: { authorization: `Bearer ${user.token}` } })).status).toBe(
      200,
    );
    expect((await t.request("/api/v1/auth/me", { headers: { cookie } })).status).toBe(200);
    // An invalid token and a failed refresh are logged as requests too: still without the credential.
    const bad = await t.request("/api/v1/auth/me", { headers: { authorization: `Bearer ${user.token}x` } });
    expect(bad.status).toBe(401);
    await t.request("/api/v1/auth/refresh", { method: "POST", headers: { cookie } });
    await t.request("/metrics", { headers: { authorization: `Bearer ${secrets[3]}` } });

    const entries = parsed();
    const requests = entries.filter((e) => e.msg === "request");
    expect(requests.length).toBeGreaterThanOrEqual(5);
    for (const entry of requests) {
      expect(entry.level).toBeOneOf(["info", "warn", "error"]);
      expect(entry.requestId).toEqual(expect.any(String));
      expect(entry.route).toEqual(expect.any(String));
    }
    const output = lines.join("");
    for (const secret of secrets) expect(output).not.toContain(secret);
  });

  test("objects logged with credential fields are redacted", () => {
    lines.length = 0;
    deps.logger.warn(
      { headers: { authorization: "Bearer abc.def.ghi", cookie: "access_token=xyz" }, user: { password: "hunter2" } },
      "probe",
    );
    const output = lines.join("");
    expect(output).toContain("[redacted]");
    for (const secret of ["abc.def.ghi", "access_token=xyz", "hunter2"]) expect(output).not.toContain(secret);
  });
});

describe("logs with tracing on", () => {
  test("a request's line carries its trace and span id; without tracing there are none", async () => {
    lines.length = 0;
    await t.request("/api/v1/ping");
    expect(parsed().find((e) => e.msg === "request")).not.toHaveProperty("traceId");

    const exporter = new InMemorySpanExporter();
    const stopTracing = await startTracing({ serviceName: "clipper-log-test", exporter });
    try {
      lines.length = 0;
      const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      await t.request("/api/v1/ping", { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
      const line = parsed().find((e) => e.msg === "request");
      const [span] = exporter.getFinishedSpans().filter((s) => s.name === "GET /api/v1/ping");
      expect(line).toMatchObject({ level: "info", traceId, spanId: span!.spanContext().spanId });
    } finally {
      await stopTracing?.();
    }
  });
});

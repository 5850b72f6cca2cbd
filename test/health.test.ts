import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../src/db/client";
import { createTestContext, json, type TestContext } from "./support/app";
import { usingRealPostgres } from "./support/database";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("health", () => {
  test("live answers without touching dependencies", async () => {
    for (const path of ["/health", "/health/live"]) {
      const res = await t.request(path);
      expect(res.status).toBe(200);
      expect(await json(res)).toEqual({ status: "ok" });
    }
  });

  test("ready reports each dependency", async () => {
    const res = await t.request("/health/ready");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.checks.database.status).toBe("up");
    expect(typeof body.checks.database.latency_ms).toBe("number");
    expect(body.checks.opensearch.status).toBe("disabled");
    expect(body.checks.redis.status).toBe(process.env.TEST_REDIS_URL ? "up" : "disabled");
  });

  test("draining, ready answers 503 with the Readiness body, as the document says", async () => {
    t.deps.lifecycle.draining = true;
    try {
      for (const path of ["/health/ready", "/api/v1/health"]) {
        const res = await t.request(path);
        expect(res.status).toBe(503);
        expect(await json(res)).toEqual({ status: "draining" });
      }
    } finally {
      t.deps.lifecycle.draining = false;
    }
    const spec = await json(await t.request("/api/v1/openapi.json"));
    for (const path of ["/health/ready", "/api/v1/health"]) {
      const responses = spec.paths[path].get.responses;
      for (const status of ["200", "503"]) {
        expect(responses[status].content["application/json"].schema, `${path} ${status}`).toEqual({
          $ref: "#/components/schemas/Readiness",
        });
      }
      expect(responses["5XX"]).toEqual({ $ref: "#/components/responses/PlainServerError" });
    }
  });

  test("api ping and config", async () => {
    expect(await (await t.request("/api/v1/ping")).json()).toEqual({ message: "pong" });
    const config = await json(await t.request("/api/v1/config"));
    expect(config.karma).toEqual({
      initial_karma_points: 100,
      submission_karma_required: 100,
      require_karma_for_submission: true,
    });
  });

  test("unknown route is a JSON 404", async () => {
    const res = await t.request("/api/v1/nope");
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ success: false, code: "NOT_FOUND" });
  });

  test("pgvector and pg_trgm are installed", async () => {
    const rows = await queryRows<{ extname: string; extversion: string }>(
      t.deps.db,
      sql`select extname, extversion from pg_extension where extname in ('vector', 'pg_trgm') order by extname`,
    );
    expect(rows.map((r) => r.extname)).toEqual(["pg_trgm", "vector"]);
    if (usingRealPostgres) expect(rows.find((r) => r.extname === "vector")?.extversion).toBe("0.8.0");
  });
});

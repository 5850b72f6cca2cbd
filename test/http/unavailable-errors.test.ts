import { describe, expect, test } from "bun:test";
import { Hono } from "hono";
import { loadConfig } from "../../src/config";
import { isUnavailable } from "../../src/core/errors";
import type { AppEnv } from "../../src/http/env";
import { createErrorHandler } from "../../src/http/errors";
import { createLogger } from "../../src/platform/logger";

const codeError = (code: string, message = code) => Object.assign(new Error(message), { code });
/** What drizzle throws for a failed query: the driver's error is the cause. */
const wrapped = (cause: Error) => new Error("Failed query: select 1", { cause });

function appThrowing(err: Error) {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(createLogger(loadConfig({ LOG_LEVEL: "silent" }))));
  app.get("/boom", () => {
    throw err;
  });
  return app;
}

describe("database unavailable → 503 UNAVAILABLE (found by the fault suite)", () => {
  test.each([
    ["server shutting down (57P03)", wrapped(codeError("57P03", "the database system is shutting down"))],
    ["admin shutdown (57P01)", wrapped(codeError("57P01"))],
    ["connection refused", wrapped(codeError("ECONNREFUSED"))],
    ["postgres.js connection closed", codeError("CONNECTION_CLOSED")],
    ["connection exception class 08", wrapped(codeError("08006"))],
  ])("%s", async (_name, err) => {
    expect(isUnavailable(err)).toBe(true);
    const res = await appThrowing(err).request("/boom");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ success: false, error: "Service temporarily unavailable", code: "UNAVAILABLE" });
  });

  test("other database errors stay 500", async () => {
    const err = wrapped(codeError("23505", "duplicate key"));
    expect(isUnavailable(err)).toBe(false);
    const res = await appThrowing(err).request("/boom");
    expect(res.status).toBe(500);
  });
});

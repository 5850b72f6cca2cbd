import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { createErrorHandler, notFound } from "../../http/errors";
import { bearerToken } from "../../http/middleware/auth";
import { responds, returns } from "../../http/openapi/registry";
import { registry } from "../../platform/metrics/registry";
import { MetricsText } from "./schemas";

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics in the Prometheus text format. On the public port it is never open: without METRICS_TOKEN the route
 * does not exist (404), with it the caller must send the token as a Bearer token. `open` is for the private
 * listeners (METRICS_PORT, the worker's health port), which scrapers such as Fly's reach without credentials.
 */
export function createMetricsRoutes(deps: Pick<Deps, "config">, options: { open?: boolean } = {}) {
  const token = deps.config.metrics.token;
  const text = returns(MetricsText, 200, { mediaType: registry.contentType });
  return new Hono<AppEnv>().get("/metrics", responds(401, 404), text, async (c) => {
    if (!options.open) {
      if (!token) throw new AppError("NOT_FOUND", "Not found");
      const given = bearerToken(c);
      if (!given || !sameSecret(given, token)) throw new AppError("UNAUTHORIZED", "Metrics token required");
    }
    c.header("Content-Type", registry.contentType);
    c.header("Cache-Control", "no-store");
    return c.body(await registry.metrics());
  });
}

/** The whole app of the private METRICS_PORT listener: /metrics and nothing else, without auth. */
export function createMetricsServerApp(deps: Pick<Deps, "config" | "logger">) {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(deps.logger));
  app.notFound(notFound);
  return app.route("/", createMetricsRoutes(deps, { open: true }));
}

import { createMiddleware } from "hono/factory";
import { routePath } from "hono/route";
import { httpDuration, httpErrors, httpRequests } from "../../platform/metrics/registry";
import type { AppEnv } from "../env";

/** Counts and times every request by route template (bounded label values: never the raw path). */
export function recordMetrics() {
  return createMiddleware<AppEnv>(async function metricsMiddleware(c, next) {
    const started = performance.now();
    await next();
    const route = routePath(c, -1);
    const method = c.req.method;
    const status = String(c.res.status);
    httpRequests.inc({ method, route, status });
    httpDuration.observe({ method, route }, (performance.now() - started) / 1000);
    if (c.res.status >= 500) httpErrors.inc({ method, route, status });
  });
}

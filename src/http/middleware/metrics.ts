import { createMiddleware } from "hono/factory";
import { httpDuration, httpErrors, httpRequests } from "../../platform/metrics/registry";
import type { AppEnv } from "../env";
import { routeTemplate } from "../route-template";

/** Counts and times every request by route template (bounded label values: never the raw path). */
export function recordMetrics() {
  return createMiddleware<AppEnv>(async function metricsMiddleware(c, next) {
    const started = performance.now();
    await next();
    const route = routeTemplate(c);
    const method = c.req.method;
    const status = String(c.res.status);
    httpRequests.inc({ method, route, status });
    httpDuration.observe({ method, route }, (performance.now() - started) / 1000);
    if (c.res.status >= 500) httpErrors.inc({ method, route, status });
  });
}

import { createMiddleware } from "hono/factory";
import { httpDuration, httpErrors, httpRequests } from "../../platform/metrics/registry";
import type { AppEnv } from "../env";
import { routeTemplate } from "../route-template";

interface RouteSeries {
  requests: ReturnType<typeof httpRequests.labels>;
  duration: ReturnType<typeof httpDuration.labels>;
  errors: ReturnType<typeof httpErrors.labels> | undefined;
}

// Bounded like the labels themselves (methods × route templates × statuses); resolving a label set costs a hash of
// it on every call, so each is resolved once.
const seriesByLabels = new Map<string, RouteSeries>();

function seriesOf(method: string, route: string, status: number): RouteSeries {
  const key = `${method} ${status} ${route}`;
  let series = seriesByLabels.get(key);
  if (!series) {
    const labels = { method, route, status: String(status) };
    series = {
      requests: httpRequests.labels(labels),
      duration: httpDuration.labels({ method, route }),
      errors: status >= 500 ? httpErrors.labels(labels) : undefined,
    };
    seriesByLabels.set(key, series);
  }
  return series;
}

/** Counts and times one answered request (the middleware's, and the response memo's replays). */
export function countRequest(method: string, route: string, status: number, startedAt: number) {
  const series = seriesOf(method, route, status);
  series.requests.inc();
  series.duration.observe((performance.now() - startedAt) / 1000);
  series.errors?.inc();
}

/** Counts and times every request by route template (bounded label values: never the raw path). */
export function recordMetrics() {
  return createMiddleware<AppEnv>(async function metricsMiddleware(c, next) {
    const started = performance.now();
    await next();
    countRequest(c.req.method, routeTemplate(c), c.res.status, started);
  });
}

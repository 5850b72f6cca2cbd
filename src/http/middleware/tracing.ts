import { context, propagation, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { createMiddleware } from "hono/factory";
import { tracer, tracingEnabled } from "../../platform/tracing/tracing";
import type { AppEnv } from "../env";
import { routeTemplate } from "../route-template";

/**
 * A server span per request, continuing the caller's W3C `traceparent`. Named after the route template once
 * routing is known, so ids never end up in span names.
 */
export function traceRequests() {
  return createMiddleware<AppEnv>(async function traceRequestsMiddleware(c, next) {
    if (!tracingEnabled()) return next();
    const parent = propagation.extract(context.active(), c.req.header());
    const attributes = { "http.request.method": c.req.method, "url.path": c.req.path };
    await tracer().startActiveSpan(c.req.method, { kind: SpanKind.SERVER, attributes }, parent, async (span) => {
      try {
        await next();
      } finally {
        const route = routeTemplate(c);
        const status = c.res.status;
        span.updateName(`${c.req.method} ${route}`);
        span.setAttributes({ "http.route": route, "http.response.status_code": status });
        span.setAttribute("request.id", c.get("requestId"));
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    });
  });
}

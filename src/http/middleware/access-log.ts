import { createMiddleware } from "hono/factory";
import type { Logger } from "../../platform/logger";
import type { AppEnv } from "../env";
import { routeTemplate } from "../route-template";

/** One JSON line per request: method, route template (never the raw path with ids), status, duration. */
export function accessLog(logger: Logger) {
  return createMiddleware<AppEnv>(async function accessLogMiddleware(c, next) {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const line = {
      requestId: c.get("requestId"),
      method: c.req.method,
      route: routeTemplate(c),
      status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      userId: c.get("principal")?.userId,
    };
    if (status >= 500) logger.error(line, "request");
    else logger.info(line, "request");
  });
}

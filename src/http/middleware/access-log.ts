import { createMiddleware } from "hono/factory";
import type { Logger } from "../../platform/logger";
import type { AppEnv } from "../env";
import { routeTemplate } from "../route-template";

interface RequestLine {
  requestId: string;
  method: string;
  route: string;
  status: number;
  startedAt: number;
  userId?: string;
}

/** One JSON line per request: method, route template (never the raw path with ids), status, duration. */
export function logRequest(logger: Logger, { startedAt, ...fields }: RequestLine) {
  const line = { ...fields, durationMs: Math.round((performance.now() - startedAt) * 100) / 100 };
  if (fields.status >= 500) logger.error(line, "request");
  else logger.info(line, "request");
}

export function accessLog(logger: Logger) {
  return createMiddleware<AppEnv>(async function accessLogMiddleware(c, next) {
    const startedAt = performance.now();
    await next();
    logRequest(logger, {
      requestId: c.get("requestId"),
      method: c.req.method,
      route: routeTemplate(c),
      status: c.res.status,
      startedAt,
      userId: c.get("principal")?.userId,
    });
  });
}

import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";

/**
 * Contract §1.4: reflect allow-listed origins with credentials; expose the CSRF header, and the rate-limit, search
 * failover, Location and ETag headers a cross-origin script could not read otherwise. Any other origin gets no CORS
 * headers at all (Hono's cors would still send Allow-Credentials to it).
 */
export function corsPolicy(allowedOrigins: string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  const grant = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowHeaders: ["Content-Type", "Authorization", "X-CSRF-Token", "Cache-Control", "X-Requested-With"],
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    exposeHeaders: [
      "X-CSRF-Token",
      "X-Request-Id",
      "Location",
      "ETag",
      "Retry-After",
      "RateLimit-Policy",
      "RateLimit",
      "RateLimit-Limit",
      "RateLimit-Remaining",
      "RateLimit-Reset",
      "X-Search-Failover",
      "X-Search-Failover-Reason",
      "X-Search-Failover-Service",
      "X-Search-Degraded",
    ],
    maxAge: 600,
  });
  return async function corsPolicy(c, next) {
    if (allowed.has(c.req.header("origin") ?? "")) return grant(c, next);
    if (c.req.method === "OPTIONS") return c.body(null, 204, { Vary: "Origin" });
    // Before next(): Hono copies the whole Response for every header set after the handler has answered.
    c.header("Vary", "Origin", { append: true });
    await next();
  };
}

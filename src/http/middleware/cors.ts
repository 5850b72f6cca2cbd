import { cors } from "hono/cors";

/** Contract §1.4: reflect allow-listed origins with credentials; expose the CSRF header. */
export function corsPolicy(allowedOrigins: string[]) {
  const allowed = new Set(allowedOrigins);
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowHeaders: ["Content-Type", "Authorization", "X-CSRF-Token", "Cache-Control", "X-Requested-With"],
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    exposeHeaders: ["X-CSRF-Token", "X-Request-Id"],
    maxAge: 600,
  });
}

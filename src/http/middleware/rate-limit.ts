import { createMiddleware } from "hono/factory";
import { can } from "../../core/auth/permissions";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { RATE_LIMITS, type RateLimitName } from "../../platform/rate-limit/limits";
import { clientIp } from "../client-ip";
import type { AppEnv } from "../env";
import { answersWith } from "../openapi/registry";

/**
 * Limits a route by its entry in RATE_LIMITS. Mount it after the route's auth middleware: a signed-in caller is
 * counted by user id, anyone else by client IP, and an anonymous call to a user-only route is a 401 first.
 * Holders of rate-limit:exempt (admins) are not counted.
 */
export function rateLimit(deps: Deps, route: RateLimitName) {
  const rule = RATE_LIMITS[route];
  // A structured-field string naming the bucket; route keys hold no quote or backslash to escape.
  const policy = `"${route}"`;
  const middleware = createMiddleware<AppEnv>(async function rateLimitMiddleware(c, next) {
    const principal = c.get("principal");
    if (!deps.config.rateLimit.enabled || can(principal, "rate-limit:exempt")) return next();
    const subject = principal ? `user:${principal.userId}` : `ip:${clientIp(c, deps.config.http.trustProxy)}`;
    const decision = await deps.rateLimiter.hit(route, subject, rule);
    const reset = decision.allowed ? decision.resetSeconds : decision.retryAfterSeconds;
    const headers = {
      // The current IETF draft (draft-ietf-httpapi-ratelimit-headers): the policy, then what is left of it.
      "RateLimit-Policy": `${policy};q=${rule.limit};w=${rule.windowSeconds}`,
      RateLimit: `${policy};r=${decision.remaining};t=${reset}`,
      // The earlier drafts' three fields, which most clients still read.
      "RateLimit-Limit": String(decision.limit),
      "RateLimit-Remaining": String(decision.remaining),
      "RateLimit-Reset": String(reset),
    };
    if (!decision.allowed) {
      // The generic limiter answers in the plain shape on every route (contract §1.7), family A included.
      c.set("errorEnvelope", "plain");
      throw new AppError("RATE_LIMITED", "Rate limit exceeded. Please try again later.", {
        details: { retry_after: decision.retryAfterSeconds },
        headers: { ...headers, "Retry-After": String(decision.retryAfterSeconds) },
      });
    }
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    await next();
  });
  return answersWith(middleware, [429]);
}

import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { verifyAccessToken } from "../../core/auth/access-token";
import type { Deps } from "../../deps";
import type { AppEnv } from "../env";
import { ACCESS_COOKIE, bearerToken } from "./auth";

export const stickyPrimaryKey = (userId: string) => `primary-until:${userId}`;

/** Only the caller's id, for routing: the auth middleware still checks the row (ban, role) before any handler. */
async function callerId(deps: Deps, c: Context<AppEnv>): Promise<string | undefined> {
  const token = bearerToken(c) ?? getCookie(c, ACCESS_COOKIE);
  return token ? (await verifyAccessToken(token, deps.config.auth.jwtSecret))?.sub : undefined;
}

/**
 * Chooses the database behind `deps.readDb` for one request. Writes run on the primary; after a successful one the
 * caller reads from the primary for a while (read-your-own-writes), as long as a replica in rotation may lag: up to
 * DATABASE_REPLICA_MAX_LAG_MS as of its last check, one check interval ago. Everyone else reads from a replica.
 */
export function readRouting(deps: Deps) {
  const { replicaUrls, replicaMaxLagMs, replicaCheckIntervalMs } = deps.config.database;
  const stickySeconds = Math.ceil((replicaMaxLagMs + replicaCheckIntervalMs) / 1000);
  return createMiddleware<AppEnv>(async function readRoutingMiddleware(c, next) {
    if (replicaUrls.length === 0) return next();
    const userId = await callerId(deps, c);
    const write = c.req.method !== "GET" && c.req.method !== "HEAD";
    // An unreadable marker counts as set: the primary is always a correct answer, a replica maybe a stale one.
    const sticky =
      !write && userId !== undefined && (await deps.cache.get(stickyPrimaryKey(userId)).catch(() => "?")) !== null;
    await deps.replicas.routeRequest(write || sticky, next);
    if (write && userId && c.res.status < 400) {
      await deps.cache
        .set(stickyPrimaryKey(userId), String(Date.now() + stickySeconds * 1000), stickySeconds)
        .catch((err) => deps.logger.warn({ err }, "sticky-primary marker not stored"));
    }
  });
}

import { createMiddleware } from "hono/factory";
import type { Deps } from "../../deps";
import type { AppEnv } from "../env";
import { accessClaims } from "./auth";

export const stickyPrimaryKey = (userId: string) => `primary-until:${userId}`;

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
    // Only the caller's id, for routing: the auth middleware still checks the row (ban, role) before any handler,
    // with the token verified here.
    const userId = (await accessClaims(c, deps.config.auth.jwtSecret))?.sub;
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

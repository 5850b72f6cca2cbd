import { eq } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { type AccessClaims, verifyAccessToken } from "../../core/auth/access-token";
import { can, leastRoleFor, type Permission } from "../../core/auth/permissions";
import { AppError } from "../../core/errors";
import { users } from "../../db/schema";
import type { Deps } from "../../deps";
import { scopes } from "../../platform/cache/scopes";
import type { AppEnv, Principal } from "../env";
import { withPolicy } from "../route-policy";

export const ACCESS_COOKIE = "access_token";
export const REFRESH_COOKIE = "refresh_token";

export function bearerToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header("authorization");
  return header?.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() || undefined : undefined;
}

function readToken(c: Context<AppEnv>): string | undefined {
  return bearerToken(c) ?? getCookie(c, ACCESS_COOKIE);
}

const verified = new WeakMap<Request, Promise<AccessClaims | undefined>>();

/**
 * The request's access token, verified once however many middleware ask (read routing, then auth); undefined
 * without a token or with an invalid one.
 */
export function accessClaims(c: Context<AppEnv>, secret: string): Promise<AccessClaims | undefined> {
  let claims = verified.get(c.req.raw);
  if (!claims) {
    const token = readToken(c);
    claims = token ? verifyAccessToken(token, secret) : Promise.resolve(undefined);
    verified.set(c.req.raw, claims);
  }
  return claims;
}

interface Caller {
  principal: Principal;
  banned: boolean;
}

/** The principal's row changes only by a role change or a ban, which invalidate scopes.user; the TTL is a backstop. */
const PRINCIPAL_TTL_SECONDS = 300;

async function resolveCaller(deps: Deps, c: Context<AppEnv>): Promise<Caller | undefined> {
  if (!readToken(c)) return undefined;
  const claims = await accessClaims(c, deps.config.auth.jwtSecret);
  if (!claims) throw new AppError("UNAUTHORIZED", "Invalid or expired token");
  // The role and ban state come from the row, not the token, so a ban or demotion applies at once.
  const user = await deps.caching.cached(
    "principals",
    [claims.sub],
    PRINCIPAL_TTL_SECONDS,
    async () => {
      const [row] = await deps.db
        .select({ id: users.id, role: users.role, isBanned: users.isBanned })
        .from(users)
        .where(eq(users.id, claims.sub));
      return row;
    },
    { dependsOn: [scopes.user(claims.sub)] },
  );
  if (!user) throw new AppError("UNAUTHORIZED", "Invalid or expired token");
  return { principal: { userId: user.id, role: user.role }, banned: user.isBanned };
}

/**
 * Attaches the principal when a valid token is present; a present but invalid token is still a 401.
 * A banned caller browses as anonymous, so public pages keep working until the session ends.
 */
export function optionalAuth(deps: Deps) {
  const middleware = createMiddleware<AppEnv>(async function optionalAuthMiddleware(c, next) {
    const caller = await resolveCaller(deps, c);
    c.set("principal", caller && !caller.banned ? caller.principal : undefined);
    await next();
  });
  return withPolicy(middleware, "optional");
}

/** `allowBanned` is for GET /auth/me only: the SPA must still load a banned user to show the ban banner. */
export function requireAuth(deps: Deps, options: { allowBanned?: boolean } = {}) {
  const middleware = createMiddleware<AppEnv>(async function requireAuthMiddleware(c, next) {
    const caller = await resolveCaller(deps, c);
    if (!caller) throw new AppError("UNAUTHORIZED", "Authentication required");
    if (caller.banned && !options.allowBanned) throw new AppError("BANNED", "Your account has been banned");
    c.set("principal", caller.principal);
    await next();
  });
  return withPolicy(middleware, "user");
}

/** Must run after requireAuth: an anonymous caller is a 401 there, a signed-in one without the permission a 403 here. */
export function requirePermission(permission: Permission) {
  const middleware = createMiddleware<AppEnv>(async function requirePermissionMiddleware(c, next) {
    const principal = c.get("principal");
    if (!principal) throw new AppError("UNAUTHORIZED", "Authentication required");
    if (!can(principal, permission)) throw new AppError("FORBIDDEN", "Insufficient permissions");
    await next();
  });
  return withPolicy(middleware, leastRoleFor(permission));
}

/**
 * Declares a route that authenticates with a credential of its own (POST /auth/refresh reads the refresh token
 * itself), so it answers 401 to every caller without one; a no-op in the chain, like `responds()`.
 */
export const ownCredential = (): MiddlewareHandler =>
  withPolicy<MiddlewareHandler>(async (_c, next) => next(), "credential");

/** For handlers behind requireAuth: the principal is always set there. */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get("principal");
  if (!principal) throw new AppError("UNAUTHORIZED", "Authentication required");
  return principal;
}

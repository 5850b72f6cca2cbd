import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { users } from "../../db/schema";
import type { Deps } from "../../deps";
import { verifyAccessToken } from "../../modules/auth/access-token";
import type { AppEnv, Principal } from "../env";
import { AppError } from "../errors";

export const ACCESS_COOKIE = "access_token";

function readToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) return header.slice(7).trim() || undefined;
  return getCookie(c, ACCESS_COOKIE);
}

async function resolvePrincipal(deps: Deps, c: Context<AppEnv>): Promise<Principal | undefined> {
  const token = readToken(c);
  if (!token) return undefined;
  const claims = await verifyAccessToken(token, deps.config.auth.jwtSecret);
  if (!claims) throw new AppError("UNAUTHORIZED", "Invalid or expired token");
  // The role and ban state come from the row, not the token, so a ban or demotion applies at once.
  const [user] = await deps.db
    .select({ id: users.id, role: users.role, isBanned: users.isBanned })
    .from(users)
    .where(eq(users.id, claims.sub));
  if (!user) throw new AppError("UNAUTHORIZED", "Invalid or expired token");
  if (user.isBanned) throw new AppError("BANNED", "Your account has been banned");
  return { userId: user.id, role: user.role };
}

/** Attaches the principal when a valid token is present; a present but invalid token is still a 401. */
export function optionalAuth(deps: Deps) {
  return createMiddleware<AppEnv>(async function optionalAuthMiddleware(c, next) {
    c.set("principal", await resolvePrincipal(deps, c));
    await next();
  });
}

export function requireAuth(deps: Deps) {
  return createMiddleware<AppEnv>(async function requireAuthMiddleware(c, next) {
    const principal = await resolvePrincipal(deps, c);
    if (!principal) throw new AppError("UNAUTHORIZED", "Authentication required");
    c.set("principal", principal);
    await next();
  });
}

/** For handlers behind requireAuth: the principal is always set there. */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get("principal");
  if (!principal) throw new AppError("UNAUTHORIZED", "Authentication required");
  return principal;
}

import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { signAccessToken } from "../../core/auth/access-token";
import { mutate } from "../../db/mutation";
import type { UserRole } from "../../db/schema";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "../../http/middleware/auth";
import { issueCsrfToken } from "../../http/middleware/csrf";
import { createRefreshToken, type Rotation, revokeSessionsBeyond, rotateRefreshToken } from "./refresh-tokens";

export interface SessionTokens {
  access_token: string;
  refresh_token: string;
}

function writeCookie(c: Context<AppEnv>, deps: Deps, name: string, value: string, maxAge: number) {
  setCookie(c, name, value, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: deps.config.auth.secureCookies,
    maxAge,
  });
}

export function setSessionCookies(c: Context<AppEnv>, deps: Deps, tokens: SessionTokens) {
  const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = deps.config.auth;
  writeCookie(c, deps, ACCESS_COOKIE, tokens.access_token, accessTokenTtlSeconds);
  writeCookie(c, deps, REFRESH_COOKIE, tokens.refresh_token, refreshTokenTtlSeconds);
  issueCsrfToken(c, deps);
}

export function clearSessionCookies(c: Context<AppEnv>, deps: Deps) {
  writeCookie(c, deps, ACCESS_COOKIE, "", 0);
  writeCookie(c, deps, REFRESH_COOKIE, "", 0);
}

export function signAccess(deps: Deps, user: { id: string; role: UserRole }) {
  return signAccessToken(user, deps.config.auth.jwtSecret, deps.config.auth.accessTokenTtlSeconds);
}

/**
 * A new login: a fresh access token and a refresh token opening a new family, both also set as cookies. Beyond
 * MAX_SESSIONS_PER_USER the least recently refreshed session ends.
 */
export async function startSession(
  c: Context<AppEnv>,
  deps: Deps,
  user: { id: string; role: UserRole },
): Promise<SessionTokens> {
  const { refreshTokenTtlSeconds, maxSessionsPerUser } = deps.config.auth;
  const refresh = await mutate(deps, async (tx) => {
    const created = await createRefreshToken(tx, user.id, refreshTokenTtlSeconds);
    await revokeSessionsBeyond(tx, user.id, maxSessionsPerUser);
    return { result: created, invalidates: [] };
  });
  const tokens = { access_token: await signAccess(deps, user), refresh_token: refresh.token };
  setSessionCookies(c, deps, tokens);
  return tokens;
}

/** Trades a refresh token for its successor (refresh-tokens.ts says how reuse and theft are told apart). */
export function rotateSession(deps: Deps, token: string): Promise<Rotation> {
  const policy = {
    ttlSeconds: deps.config.auth.refreshTokenTtlSeconds,
    reuseIntervalSeconds: deps.config.auth.refreshReuseIntervalSeconds,
    cache: deps.cache,
  };
  return mutate(deps, async (tx) => ({ result: await rotateRefreshToken(tx, token, policy), invalidates: [] }));
}

const RefreshBody = z.object({ refresh_token: z.string().min(1).max(200) });

/** The cookie first (web app), then a JSON body `{refresh_token}` (mobile, E2E); bodiless requests are fine. */
export async function readRefreshToken(c: Context<AppEnv>): Promise<string | undefined> {
  const cookie = getCookie(c, REFRESH_COOKIE);
  if (cookie) return cookie;
  const body = await c.req.json().catch(() => undefined);
  const parsed = RefreshBody.safeParse(body);
  return parsed.success ? parsed.data.refresh_token : undefined;
}

import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../../deps";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { ACCESS_COOKIE, bearerToken } from "./auth";

export const CSRF_COOKIE = "csrf_token";
export const CSRF_HEADER = "X-CSRF-Token";
const TTL_SECONDS = 86_400;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// These authenticate with a credential in the request itself (refresh token, OAuth state + verifier), never the
// access cookie, and logout must always succeed (contract §2.1).
const EXEMPT_PATHS = new Set(["/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/twitch/callback"]);

const cacheKey = (token: string) => `csrf:${token}`;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

async function isKnown(deps: Deps, token: string): Promise<boolean> {
  return TOKEN_SHAPE.test(token) && (await deps.cache.get(cacheKey(token))) !== null;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function issue(deps: Deps, c: Context<AppEnv>) {
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing && (await isKnown(deps, existing))) {
    c.header(CSRF_HEADER, existing);
    return;
  }
  const token = randomBytes(32).toString("base64url");
  await deps.cache.set(cacheKey(token), "1", TTL_SECONDS);
  setCookie(c, CSRF_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: deps.config.auth.secureCookies,
    maxAge: TTL_SECONDS,
  });
  c.header(CSRF_HEADER, token);
}

/**
 * Contract §1.3 double-submit: safe requests receive a token (header + HttpOnly cookie); mutating requests that
 * authenticate with the access cookie must echo it. Bearer and cookie-less callers are not exposed to CSRF.
 */
export function csrfProtection(deps: Deps) {
  return createMiddleware<AppEnv>(async function csrfMiddleware(c, next) {
    if (SAFE_METHODS.has(c.req.method)) {
      // A read must not fail because the token store is down; mutating cookie requests still fail closed.
      await issue(deps, c).catch((err) => deps.logger.warn({ err }, "csrf token not issued: cache unavailable"));
      return next();
    }
    if (!getCookie(c, ACCESS_COOKIE) || bearerToken(c) || EXEMPT_PATHS.has(c.req.path)) return next();
    const header = c.req.header(CSRF_HEADER);
    const cookie = getCookie(c, CSRF_COOKIE);
    if (!header || !cookie) throw new AppError("CSRF_FAILED", "CSRF token missing");
    if (!sameToken(header, cookie) || !(await isKnown(deps, cookie))) {
      throw new AppError("CSRF_FAILED", "CSRF token invalid or expired");
    }
    return next();
  });
}

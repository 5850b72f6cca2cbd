import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../env";
import { ACCESS_COOKIE, bearerToken, REFRESH_COOKIE } from "./auth";

export const CSRF_COOKIE = "csrf_token";
export const CSRF_HEADER = "X-CSRF-Token";
const TTL_SECONDS = 86_400;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// These authenticate with a credential in the request itself (refresh token, OAuth state + verifier), never the
// access cookie, and logout must always succeed (contract §2.1).
const EXEMPT_PATHS = new Set(["/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/twitch/callback"]);

const NONCE = /^[A-Za-z0-9_-]{22}$/;
const ISSUED = /^[0-9a-z]{1,10}$/;

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Tokens are `issuedAt.nonce.hmac`: verifiable with the server key alone, so handing one to every anonymous reader
 * costs no storage (one Redis key per cookie-less GET grew without bound under crawler traffic).
 */
function createTokens(secret: string) {
  const key = createHmac("sha256", secret).update("clipper csrf token key").digest();
  const mac = (body: string) => createHmac("sha256", key).update(body).digest("base64url");
  return {
    mint(): string {
      const body = `${Math.floor(Date.now() / 1000).toString(36)}.${randomBytes(16).toString("base64url")}`;
      return `${body}.${mac(body)}`;
    },
    isValid(token: string): boolean {
      const [issued, nonce, signature, extra] = token.split(".");
      if (extra !== undefined || !issued || !nonce || !signature) return false;
      if (!ISSUED.test(issued) || !NONCE.test(nonce) || !sameToken(signature, mac(`${issued}.${nonce}`))) return false;
      const age = Date.now() / 1000 - Number.parseInt(issued, 36);
      return age > -60 && age < TTL_SECONDS;
    },
  };
}

const tokensByDeps = new WeakMap<Deps, ReturnType<typeof createTokens>>();
function tokensFor(deps: Deps) {
  let tokens = tokensByDeps.get(deps);
  if (!tokens) {
    tokens = createTokens(deps.config.auth.jwtSecret);
    tokensByDeps.set(deps, tokens);
  }
  return tokens;
}

/**
 * Hands the caller a CSRF token (header + HttpOnly cookie), the one it holds while that is still valid. The session
 * cookies' writer calls it, so a browser has its token from the login or refresh response on.
 */
export function issueCsrfToken(c: Context<AppEnv>, deps: Deps) {
  const tokens = tokensFor(deps);
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing && tokens.isValid(existing)) {
    c.header(CSRF_HEADER, existing);
    return;
  }
  const token = tokens.mint();
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
 * Contract §1.3 double-submit: safe requests of a cookie session receive a token (header + HttpOnly cookie);
 * mutating requests that authenticate with the access cookie must echo it. Bearer and cookie-less callers are not
 * exposed to CSRF, so signed-out reads get neither token nor cookie, and stay cacheable.
 */
export function csrfProtection(deps: Deps) {
  const tokens = tokensFor(deps);
  return createMiddleware<AppEnv>(async function csrfMiddleware(c, next) {
    const session = getCookie(c, ACCESS_COOKIE) !== undefined;
    if (SAFE_METHODS.has(c.req.method)) {
      if (session || getCookie(c, REFRESH_COOKIE)) issueCsrfToken(c, deps);
      return next();
    }
    if (!session || bearerToken(c) || EXEMPT_PATHS.has(c.req.path)) return next();
    const header = c.req.header(CSRF_HEADER);
    const cookie = getCookie(c, CSRF_COOKIE);
    if (!header || !cookie) throw new AppError("CSRF_FAILED", "CSRF token missing");
    if (!sameToken(header, cookie) || !tokens.isValid(cookie)) {
      throw new AppError("CSRF_FAILED", "CSRF token invalid or expired");
    }
    return next();
  });
}

import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ACCESS_COOKIE, bearerToken, REFRESH_COOKIE } from "./auth";

/** How long a browser or CDN may reuse a signed-out read without asking: the server-side caches are that fresh too. */
export const ANONYMOUS_MAX_AGE_S = 15;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/** Credentials sent, identity resolved or a cookie or per-client limit in the answer: the body is this caller's. */
function callerSpecific(c: Context<AppEnv>): boolean {
  if (c.get("principal") || bearerToken(c) || getCookie(c, ACCESS_COOKIE) || getCookie(c, REFRESH_COOKIE)) return true;
  return c.res.headers.has("Set-Cookie") || c.res.headers.has("RateLimit-Remaining");
}

function cacheControl(c: Context<AppEnv>): string {
  if (c.res.status < 200 || c.res.status >= 300) return "no-store";
  if (callerSpecific(c)) return "private, no-store";
  return `public, max-age=${ANONYMOUS_MAX_AGE_S}`;
}

/** Weak comparison (RFC 9110 §13.1.2): `W/"x"` and `"x"` match, `*` matches any current representation. */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const opaque = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => {
    const candidate = tag.trim();
    return candidate === "*" || candidate.replace(/^W\//, "") === opaque;
  });
}

/**
 * GET responses say how they may be cached: a 2xx read that depends on no caller is `public` for a short while, one
 * that does is `private, no-store`, anything else `no-store`; a route's own Cache-Control wins. JSON 200s get a
 * weak ETag (of the uncompressed body, so one per content whatever the encoding), and an `If-None-Match` naming it is
 * a bodiless 304. Anonymous public answers `Vary` on the credentials, so a shared cache never hands them to a
 * signed-in caller whose answer would differ.
 */
export function httpCaching() {
  return createMiddleware<AppEnv>(async function httpCachingMiddleware(c, next) {
    await next();
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return;
    const headers = c.res.headers;
    if (!headers.has("Cache-Control")) headers.set("Cache-Control", cacheControl(c));
    if (headers.get("Cache-Control")?.startsWith("public")) headers.append("Vary", "Authorization, Cookie");
    if (c.res.status !== 200 || !c.res.body || !JSON_TYPE.test(headers.get("Content-Type") ?? "")) return;

    const body = new Uint8Array(await c.res.arrayBuffer());
    const etag = `W/"${Bun.hash(body).toString(36)}-${body.byteLength.toString(36)}"`;
    const ifNoneMatch = c.req.header("If-None-Match");
    const notModified = ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etag);
    c.res = new Response(notModified ? null : body, { status: notModified ? 304 : 200, headers });
    c.res.headers.set("ETag", etag);
    if (notModified) {
      c.res.headers.delete("Content-Type");
      c.res.headers.delete("Content-Length");
    } else c.res.headers.set("Content-Length", String(body.byteLength));
  });
}

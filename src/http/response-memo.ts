import type { Context, Hono } from "hono";
import type { Deps } from "../deps";
import { countCache } from "../platform/cache/stats";
import { tracingEnabled } from "../platform/tracing/tracing";
import type { AppEnv } from "./env";
import { createMemoEntries, type MemoEntry, type MemoOptions, type MemoPlan } from "./memo-entries";
import { logRequest } from "./middleware/access-log";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "./middleware/auth";
import { headerBytes } from "./middleware/header-limit";
import { etagMatches } from "./middleware/http-caching";
import { countRequest } from "./middleware/metrics";
import { routeTemplate } from "./route-template";

/** About 4,000 clip details (~2 KB bodies) or 600 compressed feed pages; measured cost ~1.2× what is counted. */
const BUDGET_BYTES = 20_000_000;
/** A 304 has no body, so none of the headers that describe one. */
const BODY_HEADERS = ["Content-Type", "Content-Length", "Content-Encoding"];
const REQUEST_ID = /^[\w\-=]{1,64}$/;
const SESSION_COOKIE = new RegExp(`(?:^|;)\\s*(?:${ACCESS_COOKIE}|${REFRESH_COOKIE})=`);

const plans = new WeakMap<Request, MemoPlan>();

/**
 * Lets the memo store this 200 and replay it to callers of the same URL (signed out, or with `caller` the same
 * Bearer token) while the scopes it depends on keep their versions: call it from a read whose body changes only by
 * writes that bump those scopes, or by what its TTL bounds. Never from a rate-limited route: a replay counts nothing.
 */
export function memoizable(c: Context, dependsOn: readonly string[], options: MemoOptions = {}) {
  plans.set(c.req.raw, { ...options, dependsOn, route: routeTemplate(c) });
}

/**
 * GETs that a route marked memoizable are answered, until one of their scopes changes, from the bytes and headers
 * the whole middleware chain produced the first time (compressed, with ETag), ahead of routing: a replay does what
 * the chain would have left to do per request (request id, 304, metrics, access log) and nothing else. Entries are
 * keyed by URL, Accept-Encoding, Origin and Authorization (what these answers vary on); a cookie session is never
 * answered from here (its CSRF token is per response).
 * Off where scope versions are not held in memory (Redis subscription down, cache off) and while tracing or
 * draining, so a replay is never staler than the cache below it and every traced request is traced whole.
 */
export function withResponseMemo<A extends Hono<AppEnv>>(app: A, deps: Deps): A {
  const held = deps.caching.heldVersions;
  if (!held) return app;
  const entries = createMemoEntries(BUDGET_BYTES);
  const inner = app.fetch;

  const replay = (entry: MemoEntry, request: Request, startedAt: number): Response => {
    const incoming = request.headers.get("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    const ifNoneMatch = request.headers.get("if-none-match");
    const notModified = entry.etag !== null && ifNoneMatch !== null && etagMatches(ifNoneMatch, entry.etag);
    const status = notModified ? 304 : 200;
    const headers = new Headers(entry.headers);
    if (notModified) for (const name of BODY_HEADERS) headers.delete(name);
    headers.set("X-Request-Id", requestId);
    entry.onReplay?.();
    countCache("responses", "hits");
    countRequest("GET", entry.route, status, startedAt);
    const userId = entry.caller?.userId;
    logRequest(deps.logger, { requestId, method: "GET", route: entry.route, status, startedAt, userId });
    return new Response(notModified ? null : entry.body, { status, headers });
  };

  const store = async (key: string, request: Request, res: Response, changesBefore: number) => {
    const plan = plans.get(request);
    if (!plan) return res;
    countCache("responses", "misses");
    if (res.status !== 200 || held.changes() !== changesBefore) return res;
    if (res.headers.has("set-cookie") || res.headers.has("ratelimit-remaining")) return res;
    const shared = res.headers.get("cache-control")?.startsWith("public");
    if (plan.caller === undefined ? !shared : !request.headers.has("authorization")) return res;
    const versions = held.of(plan.dependsOn);
    if (!versions) return res;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    headers.delete("X-Request-Id");
    entries.put(key, { ...plan, versions, body, headers, etag: headers.get("ETag") });
    return new Response(body, { status: 200, headers: res.headers });
  };

  const current = (entry: MemoEntry) =>
    held.of(entry.dependsOn)?.every((version, i) => version === entry.versions[i]) === true;

  app.fetch = (async (request: Request, ...rest: unknown[]) => {
    const passOn = () =>
      (inner as (request: Request, ...rest: unknown[]) => Response | Promise<Response>)(request, ...rest);
    if (request.method !== "GET" || deps.lifecycle.draining || tracingEnabled()) return passOn();
    const { headers } = request;
    if (SESSION_COOKIE.test(headers.get("cookie") ?? "")) return passOn();
    const startedAt = performance.now();
    const vary = [headers.get("accept-encoding"), headers.get("origin"), headers.get("authorization")];
    // Path and query only: no answer here depends on the Host a caller names, so it cannot multiply the entries.
    const { url } = request;
    const key = `${url.slice(url.indexOf("/", url.indexOf("//") + 2))}\n${vary.join("\n")}`;
    const entry = entries.replayable(key, current);
    // Headers over the limit are the chain's 431: the memo stands in for it only where it would answer 200.
    if (entry && headerBytes(headers) <= deps.config.http.maxHeaderBytes) return replay(entry, request, startedAt);
    const changesBefore = held.changes();
    return store(key, request, await passOn(), changesBefore);
  }) as A["fetch"];
  return app;
}

import type { Context, Hono } from "hono";
import type { Deps } from "../deps";
import { countCache } from "../platform/cache/stats";
import { tracingEnabled } from "../platform/tracing/tracing";
import type { AppEnv } from "./env";
import { logRequest } from "./middleware/access-log";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "./middleware/auth";
import { etagMatches } from "./middleware/http-caching";
import { countRequest } from "./middleware/metrics";
import { routeTemplate } from "./route-template";

/** What a route tells the memo about a signed-out answer it may replay: the scopes it was built from. */
interface MemoPlan {
  dependsOn: readonly string[];
  route: string;
  /** Work every answer does besides its body (counting a clip view), done on each replay too. */
  onReplay?: () => void;
}

interface Entry extends MemoPlan {
  versions: string[];
  body: Uint8Array;
  headers: Headers;
  /** A 304's: no body, so no Content-Type, Content-Length or Content-Encoding. */
  notModifiedHeaders: Headers;
  etag: string | null;
  expiresAt: number;
}

/**
 * How much older than the caches below it a replayed answer may be: writes still show at once (a scope bump fails
 * the replay), only TTL-bound drift (a feed's order by votes, view counts) grows by this much.
 */
const MEMO_TTL_MS = 2_000;
const BUDGET_BYTES = 8_000_000;
const REQUEST_ID = /^[\w\-=]{1,64}$/;
const SESSION_COOKIE = new RegExp(`(?:^|;)\\s*(?:${ACCESS_COOKIE}|${REFRESH_COOKIE})=`);

const plans = new WeakMap<Request, MemoPlan>();

/**
 * Lets the memo store this 200 and replay it to signed-out callers of the same URL while the scopes it depends on
 * keep their versions (at most MEMO_TTL_MS): call it from the signed-out branch of a read whose body comes wholly
 * from cache entries under those scopes.
 */
export function memoizable(c: Context, dependsOn: readonly string[], onReplay?: () => void) {
  plans.set(c.req.raw, { dependsOn, route: routeTemplate(c), onReplay });
}

const signedOut = (req: Request) =>
  !req.headers.has("authorization") && !SESSION_COOKIE.test(req.headers.get("cookie") ?? "");

/**
 * Signed-out GETs that a route marked memoizable are answered, until one of their scopes changes, from the bytes
 * and headers the whole middleware chain produced the first time (compressed, with ETag), ahead of routing: a
 * replay does what the chain would have left to do per request (request id, 304, metrics, access log) and nothing
 * else. Entries are keyed by URL, encoding and Origin (the headers these answers vary on besides credentials).
 * Off where scope versions are not held in memory (Redis subscription down, cache off) and while tracing or
 * draining, so a replay is never staler than the cache below it and every traced request is traced whole.
 */
export function withResponseMemo<A extends Hono<AppEnv>>(app: A, deps: Deps): A {
  const held = deps.caching.heldVersions;
  if (!held) return app;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const drop = (key: string, entry: Entry) => {
    if (entries.get(key) === entry) entries.delete(key);
    bytes -= entry.body.byteLength;
  };
  const inner = app.fetch;

  const replay = (entry: Entry, request: Request, startedAt: number): Response => {
    const incoming = request.headers.get("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    const ifNoneMatch = request.headers.get("if-none-match");
    const notModified = entry.etag !== null && ifNoneMatch !== null && etagMatches(ifNoneMatch, entry.etag);
    const status = notModified ? 304 : 200;
    const headers = new Headers(notModified ? entry.notModifiedHeaders : entry.headers);
    headers.set("X-Request-Id", requestId);
    entry.onReplay?.();
    countCache("responses", "hits");
    countRequest("GET", entry.route, status, startedAt);
    logRequest(deps.logger, { requestId, method: "GET", route: entry.route, status, startedAt });
    return new Response(notModified ? null : entry.body, { status, headers });
  };

  const store = async (key: string, request: Request, res: Response, changesBefore: number) => {
    const plan = plans.get(request);
    if (!plan) return res;
    countCache("responses", "misses");
    if (res.status !== 200 || held.changes() !== changesBefore) return res;
    if (!res.headers.get("cache-control")?.startsWith("public") || res.headers.has("set-cookie")) return res;
    const versions = held.of(plan.dependsOn);
    if (!versions) return res;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    headers.delete("X-Request-Id");
    const notModifiedHeaders = new Headers(headers);
    for (const name of ["Content-Type", "Content-Length", "Content-Encoding"]) notModifiedHeaders.delete(name);
    const entry = { ...plan, versions, body, headers, notModifiedHeaders, etag: headers.get("ETag") };
    const old = entries.get(key);
    if (old) drop(key, old);
    entries.set(key, { ...entry, expiresAt: Date.now() + MEMO_TTL_MS });
    bytes += body.byteLength;
    for (const [oldest, value] of entries) {
      if (bytes <= BUDGET_BYTES) break;
      drop(oldest, value);
    }
    return new Response(body, { status: 200, headers: res.headers });
  };

  const fresh = (entry: Entry) => {
    if (entry.expiresAt <= Date.now()) return false;
    const versions = held.of(entry.dependsOn);
    return versions?.every((version, i) => version === entry.versions[i]) === true;
  };

  app.fetch = (async (request: Request, ...rest: unknown[]) => {
    const passOn = () =>
      (inner as (request: Request, ...rest: unknown[]) => Response | Promise<Response>)(request, ...rest);
    if (request.method !== "GET" || !signedOut(request) || deps.lifecycle.draining || tracingEnabled()) return passOn();
    const startedAt = performance.now();
    const key = `${request.url}\n${request.headers.get("accept-encoding") ?? ""}\n${request.headers.get("origin") ?? ""}`;
    const entry = entries.get(key);
    if (entry && fresh(entry)) return replay(entry, request, startedAt);
    if (entry) drop(key, entry);
    const changesBefore = held.changes();
    return store(key, request, await passOn(), changesBefore);
  }) as A["fetch"];
  return app;
}

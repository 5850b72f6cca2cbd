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

interface MemoOptions {
  /**
   * How much older than the caches below it a replayed answer may be (default 2 s): writes still show at once (a
   * scope bump fails the replay), only TTL-bound drift (a feed's order by votes, view counts) grows by this much.
   */
  ttlMs?: number;
  /** Work every answer does besides its body (counting a clip view), done on each replay too. */
  onReplay?: () => void;
  /**
   * The answer is this caller's own (GET /auth/me): replayed only for the same Authorization header, and never past
   * `until` (the access token's expiry, epoch ms). Without it an answer must be `public`.
   */
  caller?: { userId: string; until: number };
}

/** What a route tells the memo about a signed-out answer it may replay: the scopes it was built from. */
interface MemoPlan extends MemoOptions {
  dependsOn: readonly string[];
  route: string;
}

interface Entry extends MemoPlan {
  versions: string[];
  body: Uint8Array;
  headers: Headers;
  /** A 304's: no body, so no Content-Type, Content-Length or Content-Encoding. */
  notModifiedHeaders: Headers;
  etag: string | null;
  expiresAt: number;
  /** Past its TTL, one request rebuilds it while the others are still answered from it (for REFRESH_GRACE_MS). */
  refreshing: boolean;
  bytes: number;
}

const DEFAULT_TTL_MS = 2_000;
/** Long enough for one rebuild under load; then an entry whose rebuild was not stored is dropped. */
const REFRESH_GRACE_MS = 1_000;
const BUDGET_BYTES = 12_000_000;
/** Beside its body, an entry's two header lists and key: roughly. */
const ENTRY_OVERHEAD_BYTES = 1_000;
const REQUEST_ID = /^[\w\-=]{1,64}$/;
const SESSION_COOKIE = new RegExp(`(?:^|;)\\s*(?:${ACCESS_COOKIE}|${REFRESH_COOKIE})=`);

const plans = new WeakMap<Request, MemoPlan>();

/**
 * Lets the memo store this 200 and replay it to callers of the same URL (signed out, or the same Bearer token with
 * `privateUntil`) while the scopes it depends on keep their versions: call it from a read whose body changes only
 * by writes that bump those scopes, or by what its TTL bounds.
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
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const drop = (key: string, entry: Entry) => {
    if (entries.get(key) !== entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
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
    const userId = entry.caller?.userId;
    logRequest(deps.logger, { requestId, method: "GET", route: entry.route, status, startedAt, userId });
    return new Response(notModified ? null : entry.body, { status, headers });
  };

  const store = async (key: string, request: Request, res: Response, changesBefore: number) => {
    const plan = plans.get(request);
    if (!plan) return res;
    countCache("responses", "misses");
    if (res.status !== 200 || held.changes() !== changesBefore || res.headers.has("set-cookie")) return res;
    const shared = res.headers.get("cache-control")?.startsWith("public");
    if (plan.caller === undefined ? !shared : !request.headers.has("authorization")) return res;
    const versions = held.of(plan.dependsOn);
    if (!versions) return res;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    headers.delete("X-Request-Id");
    const notModifiedHeaders = new Headers(headers);
    for (const name of ["Content-Type", "Content-Length", "Content-Encoding"]) notModifiedHeaders.delete(name);
    const entry: Entry = {
      ...plan,
      versions,
      body,
      headers,
      notModifiedHeaders,
      etag: headers.get("ETag"),
      expiresAt: Math.min(Date.now() + (plan.ttlMs ?? DEFAULT_TTL_MS), plan.caller?.until ?? Number.POSITIVE_INFINITY),
      refreshing: false,
      bytes: body.byteLength + key.length + ENTRY_OVERHEAD_BYTES,
    };
    const old = entries.get(key);
    if (old) drop(key, old);
    entries.set(key, entry);
    bytes += entry.bytes;
    for (const [oldest, value] of entries) {
      if (bytes <= BUDGET_BYTES) break;
      drop(oldest, value);
    }
    return new Response(body, { status: 200, headers: res.headers });
  };

  const current = (entry: Entry) =>
    held.of(entry.dependsOn)?.every((version, i) => version === entry.versions[i]) === true;

  /**
   * Whether this request is answered from the entry: while it is current and in its TTL, and past the TTL while
   * another request rebuilds it (the first one past it does). Otherwise the entry is dropped.
   */
  const replayable = (key: string, entry: Entry) => {
    const now = Date.now();
    // A caller's answer ends with its token: no grace past that.
    if (current(entry) && now < (entry.caller?.until ?? Number.POSITIVE_INFINITY)) {
      if (now < entry.expiresAt) return true;
      if (!entry.refreshing) {
        entry.refreshing = true;
        return false;
      }
      if (now < entry.expiresAt + REFRESH_GRACE_MS) return true;
    }
    drop(key, entry);
    return false;
  };

  app.fetch = (async (request: Request, ...rest: unknown[]) => {
    const passOn = () =>
      (inner as (request: Request, ...rest: unknown[]) => Response | Promise<Response>)(request, ...rest);
    if (request.method !== "GET" || deps.lifecycle.draining || tracingEnabled()) return passOn();
    const { headers } = request;
    if (SESSION_COOKIE.test(headers.get("cookie") ?? "")) return passOn();
    const startedAt = performance.now();
    const vary = [headers.get("accept-encoding"), headers.get("origin"), headers.get("authorization")];
    const key = `${request.url}\n${vary.join("\n")}`;
    const entry = entries.get(key);
    if (entry && replayable(key, entry)) return replay(entry, request, startedAt);
    const changesBefore = held.changes();
    return store(key, request, await passOn(), changesBefore);
  }) as A["fetch"];
  return app;
}

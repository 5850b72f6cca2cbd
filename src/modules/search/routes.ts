import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { AppError } from "../../http/errors";
import { optionalAuth, principalOf, requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { validate } from "../../http/validate";
import type { TextCodec } from "../../platform/cache/cache-aside";
import { scopes } from "../../platform/cache/scopes";
import { failoverHeaders, withFailoverTracking } from "../../platform/search/opensearch-failover";
import { requirePermission } from "../auth/permissions";
import { findFailedSearches, findSearchHistory, findTrendingSearches } from "./analytics-repo";
import { flushSearchLog, recordSearch } from "./query-log";
import {
  FailedQuery,
  HistoryQuery,
  MAX_QUERY_LENGTH,
  normalizeQuery,
  SearchQuery,
  SuggestionsQuery,
  TrendingQuery,
} from "./schemas";
import { loggedFilters, runSearch } from "./service";

const MAX_SUGGESTIONS = 10;
/**
 * Signed-out searches share cached responses. Writes invalidate them through the scopes, but the index catches up
 * a moment after a write (outbox → worker), so the TTL stays short: it bounds how long a result built in between
 * can lag.
 */
const SEARCH_TTL_SECONDS = 30;

interface SearchResponse {
  text: string;
  resultCount: number;
  headers: Record<string, string>;
}

/** Stored as "<result count>\n<body>"; a degraded or failed-over response (it has headers) is never stored. */
const searchResponseCodec: TextCodec<SearchResponse> = {
  toText: (r) => (Object.keys(r.headers).length ? undefined : `${r.resultCount}\n${r.text}`),
  fromText: (stored) => {
    const cut = stored.indexOf("\n");
    return { resultCount: Number(stored.slice(0, cut)), text: stored.slice(cut + 1), headers: {} };
  },
};

function requiredQuery(raw: string | undefined): string {
  const q = normalizeQuery(raw);
  if (!q) throw new AppError("INVALID_REQUEST", "Query parameter 'q' is required");
  if (q.length > MAX_QUERY_LENGTH) {
    throw new AppError("INVALID_REQUEST", `Query parameter 'q' must be at most ${MAX_QUERY_LENGTH} characters`);
  }
  return q;
}

export function createSearchRoutes(deps: Deps) {
  deps.onClose(flushSearchLog);
  return new Hono<AppEnv>()
    .get("/search", optionalAuth(deps), rateLimit(deps, "GET /search"), validate("query", SearchQuery), async (c) => {
      const query = c.req.valid("query");
      const q = requiredQuery(query.q);
      const viewerId = c.get("principal")?.userId;
      const run = async (): Promise<SearchResponse> => {
        const { result, failover } = await withFailoverTracking(() => runSearch(deps, q, query, viewerId));
        const { degraded, ...body } = result;
        const headers = {
          ...(degraded ? { "X-Search-Degraded": degraded } : {}),
          ...(failover ? failoverHeaders(failover) : {}),
        };
        return { text: JSON.stringify(body), resultCount: body.meta.total_items, headers };
      };
      const response = viewerId
        ? await run()
        : await deps.caching.cachedText(
            "search-bodies",
            [q, JSON.stringify({ ...query, q })],
            SEARCH_TTL_SECONDS,
            run,
            {
              codec: searchResponseCodec,
              dependsOn: [scopes.feeds, scopes.tags, scopes.games],
            },
          );
      recordSearch(deps.db, deps.logger, {
        query: q,
        filters: loggedFilters(query),
        resultCount: response.resultCount,
        userId: viewerId,
      });
      return c.body(response.text, 200, { ...response.headers, "Content-Type": "application/json" });
    })
    .get(
      "/search/suggestions",
      rateLimit(deps, "GET /search/suggestions"),
      validate("query", SuggestionsQuery),
      async (c) => {
        const q = normalizeQuery(c.req.valid("query").q);
        if (q.length < 2) return c.json({ query: q, suggestions: [] });
        return c.json({ query: q, suggestions: await deps.search.suggest(q, MAX_SUGGESTIONS) });
      },
    )
    .get("/search/trending", rateLimit(deps, "GET /search/trending"), validate("query", TrendingQuery), async (c) => {
      const { days, limit } = c.req.valid("query");
      return c.json({ trending_searches: await findTrendingSearches(deps.readDb, days, limit), days, limit });
    })
    .get("/search/history", requireAuth(deps), validate("query", HistoryQuery), async (c) => {
      const { limit } = c.req.valid("query");
      return c.json({ search_history: await findSearchHistory(deps.db, principalOf(c).userId, limit), limit });
    })
    .get(
      "/search/failed",
      requireAuth(deps),
      requirePermission("search:admin"),
      validate("query", FailedQuery),
      async (c) => {
        const { days, limit } = c.req.valid("query");
        return c.json({ failed_searches: await findFailedSearches(deps.db, days, limit), days, limit });
      },
    );
}

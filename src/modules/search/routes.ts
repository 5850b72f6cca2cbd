import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { optionalAuth, principalOf, requireAuth, requirePermission } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { validate } from "../../http/validate";
import { findFailedSearches, findSearchHistory, findTrendingSearches } from "./analytics-repo";
import {
  FailedQuery,
  HistoryQuery,
  MAX_QUERY_LENGTH,
  normalizeQuery,
  SearchQuery,
  SuggestionsQuery,
  TrendingQuery,
} from "./schemas";
import { loggedFilters } from "./service";
import { searchResponse } from "./shared-response";

const MAX_SUGGESTIONS = 10;

function requiredQuery(raw: string | undefined): string {
  const q = normalizeQuery(raw);
  if (!q) throw new AppError("INVALID_REQUEST", "Query parameter 'q' is required");
  if (q.length > MAX_QUERY_LENGTH) {
    throw new AppError("INVALID_REQUEST", `Query parameter 'q' must be at most ${MAX_QUERY_LENGTH} characters`);
  }
  return q;
}

export function createSearchRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/search", optionalAuth(deps), rateLimit(deps, "GET /search"), validate("query", SearchQuery), async (c) => {
      const query = c.req.valid("query");
      const q = requiredQuery(query.q);
      const viewerId = c.get("principal")?.userId;
      const response = await searchResponse(deps, q, query, viewerId);
      deps.searchLog.record({
        query: q,
        filters: loggedFilters(query),
        resultCount: response.resultCount,
        userId: viewerId,
        searchedAt: new Date(),
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

import { Hono } from "hono";
import type { z } from "zod";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { optionalAuth, principalOf, requireAuth, requirePermission } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { findFailedSearches, findSearchHistory, findTrendingSearches } from "./analytics-repo";
import {
  FailedQuery,
  FailedSearches,
  HistoryQuery,
  MAX_QUERY_LENGTH,
  normalizeQuery,
  SearchHistory,
  SearchQuery,
  SearchResults,
  SuggestionList,
  SuggestionsQuery,
  TrendingQuery,
  TrendingSearches,
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
    .get(
      "/search",
      optionalAuth(deps),
      rateLimit(deps, "GET /search"),
      validate("query", SearchQuery),
      returns(SearchResults),
      async (c) => {
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
      },
    )
    .get(
      "/search/suggestions",
      rateLimit(deps, "GET /search/suggestions"),
      validate("query", SuggestionsQuery),
      returns(SuggestionList),
      async (c) => {
        const q = normalizeQuery(c.req.valid("query").q);
        const suggestions = q.length < 2 ? [] : await deps.search.suggest(q, MAX_SUGGESTIONS);
        return c.json({ query: q, suggestions } satisfies z.infer<typeof SuggestionList>);
      },
    )
    .get(
      "/search/trending",
      rateLimit(deps, "GET /search/trending"),
      validate("query", TrendingQuery),
      returns(TrendingSearches),
      async (c) => {
        const { days, limit } = c.req.valid("query");
        const trending = await findTrendingSearches(deps.readDb, days, limit);
        return c.json({ trending_searches: trending, days, limit } satisfies z.infer<typeof TrendingSearches>);
      },
    )
    .get("/search/history", requireAuth(deps), validate("query", HistoryQuery), returns(SearchHistory), async (c) => {
      const { limit } = c.req.valid("query");
      const history = await findSearchHistory(deps.db, principalOf(c).userId, limit);
      return c.json({ search_history: history, limit } satisfies z.infer<typeof SearchHistory>);
    })
    .get(
      "/search/failed",
      requireAuth(deps),
      requirePermission("search:admin"),
      validate("query", FailedQuery),
      returns(FailedSearches),
      async (c) => {
        const { days, limit } = c.req.valid("query");
        const failed = await findFailedSearches(deps.db, days, limit);
        return c.json({ failed_searches: failed, days, limit } satisfies z.infer<typeof FailedSearches>);
      },
    );
}

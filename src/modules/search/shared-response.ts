import type { Deps } from "../../deps";
import type { TextCodec } from "../../platform/cache/cache-aside";
import { scopes } from "../../platform/cache/scopes";
import { loadViewerState } from "../clips/enrich";
import { failoverHeaders, withFailoverTracking } from "./opensearch-failover";
import type { SearchQuery } from "./schemas";
import { runSearch } from "./service";

/**
 * Search responses are shared through the cache, and writes invalidate them through the scopes. PostgreSQL answers
 * from the rows the write changed, so its responses live a minute: a cold search costs tens to hundreds of
 * milliseconds of database time at 100k clips, and a 5 s life made the bench's 30 queries miss six times a second.
 * OpenSearch only shows a write once the worker has indexed it and the index has refreshed (about a second later),
 * so a response cached in between is stale: there the short TTL keeps every change searchable within seconds.
 */
const SEARCH_TTL_SECONDS = { postgres: 60, opensearch: 5 } as const;

export interface SearchResponse {
  text: string;
  resultCount: number;
  headers: Record<string, string>;
}

/** Stored as "<result count>\n<body>"; a degraded or failed-over response (it has headers) is never stored. */
const codec: TextCodec<SearchResponse> = {
  toText: (r) => (Object.keys(r.headers).length ? undefined : `${r.resultCount}\n${r.text}`),
  fromText: (stored) => {
    const cut = stored.indexOf("\n");
    return { resultCount: Number(stored.slice(0, cut)), text: stored.slice(cut + 1), headers: {} };
  },
};

/**
 * One search's response. Everyone shares the signed-out response (a hit is sent as stored); a signed-in viewer gets
 * it with their own user_vote and is_favorited laid over its clips, so their searches hit the engines no more often
 * than anyone's.
 */
export async function searchResponse(
  deps: Deps,
  q: string,
  query: SearchQuery,
  viewerId: string | undefined,
): Promise<SearchResponse> {
  const shared = await deps.caching.cachedText(
    "search-bodies",
    [q, JSON.stringify({ ...query, q })],
    SEARCH_TTL_SECONDS[deps.search.kind],
    async () => {
      const { result, failover } = await withFailoverTracking(() => runSearch(deps, q, query));
      const { degraded, ...body } = result;
      const headers = {
        ...(degraded ? { "X-Search-Degraded": degraded } : {}),
        ...(failover ? failoverHeaders(failover) : {}),
      };
      return { text: JSON.stringify(body), resultCount: body.meta.total_items, headers };
    },
    { codec, dependsOn: [scopes.feeds, scopes.search, scopes.tags, scopes.games] },
  );
  return viewerId ? withViewerState(deps, shared, viewerId) : shared;
}

type ClipWithViewer = { id: string; user_vote?: 1 | -1; is_favorited: boolean };

async function withViewerState(deps: Deps, shared: SearchResponse, viewerId: string): Promise<SearchResponse> {
  const body = JSON.parse(shared.text) as { results: { clips?: ClipWithViewer[] } };
  const clips = body.results.clips ?? [];
  if (clips.length === 0) return shared;
  const state = await loadViewerState(
    deps.db,
    viewerId,
    clips.map((c) => c.id),
  );
  for (const clip of clips) {
    clip.user_vote = state.get(clip.id)?.userVote;
    clip.is_favorited = state.get(clip.id)?.isFavorited ?? false;
  }
  return { ...shared, text: JSON.stringify(body) };
}

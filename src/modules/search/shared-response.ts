import type { Deps } from "../../deps";
import type { TextCodec } from "../../platform/cache/cache-aside";
import { scopes } from "../../platform/cache/scopes";
import { anonymousClipsJson } from "../clips/cached";
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
 * Both are refreshed ahead: past the TTL a response is still answered while one search replaces it, so the bench's
 * 30 queries expiring together no longer queue every caller behind 30 cold searches.
 */
const SEARCH_TTL_SECONDS = { postgres: 60, opensearch: 5 } as const;

export interface SearchResponse {
  text: string;
  resultCount: number;
  headers: Record<string, string>;
}

/**
 * The shared part of a response: its body with an empty clips array (at CLIPS_AT) and the
 * ranked clip ids, so a vote, a favourite or a comment (clipCountsChanged: one clip's scope) changes one clip's
 * stored JSON and not every search; a ranking by those counts follows within the TTL, as feed pages do.
 */
interface RankedResponse extends SearchResponse {
  clipIds: string[] | undefined;
}

// Only structure can spell this: inside a JSON string every quote is escaped. The skeleton puts `clips` first.
const CLIPS_AT = '"results":{"clips":[]';

/**
 * Stored as "<result count>\n<clip ids, comma-separated, or ->\n<body>"; a degraded or failed-over response (it
 * has headers) is never stored.
 */
const codec: TextCodec<RankedResponse> = {
  toText: (r) =>
    Object.keys(r.headers).length ? undefined : `${r.resultCount}\n${r.clipIds?.join(",") ?? "-"}\n${r.text}`,
  fromText: (stored) => {
    const [count, ids] = stored.split("\n", 2) as [string, string];
    const text = stored.slice(count.length + ids.length + 2);
    const clipIds = ids === "-" ? undefined : ids ? ids.split(",") : [];
    return { resultCount: Number(count), clipIds, text, headers: {} };
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
    async (): Promise<RankedResponse> => {
      const { result, failover } = await withFailoverTracking(() => runSearch(deps, q, query));
      const { degraded, ...body } = result;
      const headers = {
        ...(degraded ? { "X-Search-Degraded": degraded } : {}),
        ...(failover ? failoverHeaders(failover) : {}),
      };
      const { clips, ...others } = body.results;
      const skeleton = { ...body, results: { clips: clips && [], ...others } };
      return {
        text: JSON.stringify(skeleton),
        clipIds: clips?.map((c) => c.id),
        resultCount: body.meta.total_items,
        headers,
      };
    },
    { codec, dependsOn: [scopes.feeds, scopes.search, scopes.tags, scopes.games], refreshAhead: true },
  );
  const { clipIds, ...ranked } = shared;
  const text = clipIds
    ? ranked.text.replace(CLIPS_AT, `"results":{"clips":${await anonymousClipsJson(deps, clipIds)}`)
    : ranked.text;
  const response = { ...ranked, text };
  return viewerId ? withViewerState(deps, response, viewerId) : response;
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

import type { Deps } from "../../deps";
import { enrichClips } from "../clips/enrich";
import type { ClipFilters, PageRequest } from "./engine";
import { searchClipsHybrid } from "./hybrid";
import { findClipsByIds, findCreatorsByIds, findTagsByIds } from "./repo";
import type { SearchQuery, SearchResults, SearchType } from "./schemas";

function clipFilters(query: SearchQuery): ClipFilters {
  return {
    gameId: query.game_id,
    creatorId: query.creator_id,
    broadcasterId: query.broadcaster_id,
    language: query.language,
    minVotes: query.min_votes,
    dateFrom: query.date_from,
    dateTo: query.date_to,
    tags: query.tags.length ? query.tags : undefined,
  };
}

/** What search_queries.filters records: everything that shaped the result set except q and paging. */
export function loggedFilters({ q: _q, page: _page, limit: _limit, date_from, date_to, tags, ...rest }: SearchQuery) {
  return {
    ...rest,
    date_from: date_from?.toISOString(),
    date_to: date_to?.toISOString(),
    tags: tags.length ? tags : undefined,
  };
}

/**
 * Counts are computed for every type (the tabs show them); rows only for the selected type, or for all of them.
 * Each group is paged with the same page/limit. `degraded` names a search leg that failed (for a response header).
 */
export async function runSearch(
  deps: Deps,
  q: string,
  query: SearchQuery,
): Promise<SearchResults & { degraded?: "vector" }> {
  const { search, readDb: db } = deps;
  const wanted = (type: SearchType) => query.type === "all" || query.type === type;
  const page: PageRequest = { offset: (query.page - 1) * query.limit, limit: query.limit };
  const pageFor = (type: SearchType): PageRequest => (wanted(type) ? page : { offset: 0, limit: 0 });

  const [clipResult, creatorResult, gameResult, tagResult] = await Promise.all([
    searchClipsHybrid(deps, {
      q,
      filters: clipFilters(query),
      sort: query.sort,
      page: pageFor("clips"),
      facets: wanted("clips"),
    }),
    search.searchCreators({ q, page: pageFor("creators") }),
    search.searchGames({ q, page: pageFor("games") }),
    search.searchTags({ q, page: pageFor("tags") }),
  ]);

  const [clipRows, creators, tags] = await Promise.all([
    findClipsByIds(
      db,
      clipResult.hits.map((h) => h.id),
    ),
    findCreatorsByIds(
      db,
      creatorResult.hits.map((h) => h.id),
    ),
    findTagsByIds(
      db,
      tagResult.hits.map((h) => h.id),
    ),
  ]);

  const counts = {
    clips: clipResult.total,
    creators: creatorResult.total,
    games: gameResult.total,
    tags: tagResult.total,
  };
  const selected = query.type === "all" ? Object.values(counts) : [counts[query.type]];
  const totalItems = selected.reduce((a, b) => a + b, 0);
  // With type=all every group pages together, so there are as many pages as the largest group fills.
  const totalPages = Math.ceil(Math.max(0, ...selected) / query.limit);

  return {
    query: q,
    results: {
      clips: wanted("clips") ? await enrichClips(db, clipRows) : undefined,
      creators: wanted("creators")
        ? creators.map((u) => ({ ...u, created_at: u.created_at.toISOString() }))
        : undefined,
      games: wanted("games") ? gameResult.hits : undefined,
      tags: wanted("tags") ? tags.map((t) => ({ ...t, created_at: t.created_at.toISOString() })) : undefined,
    },
    counts,
    facets: clipResult.facets,
    meta: { page: query.page, limit: query.limit, total_items: totalItems, total_pages: totalPages },
    degraded: clipResult.degraded ? ("vector" as const) : undefined,
  };
}

import type { OsClient } from "../../platform/search/opensearch-client";
import { aliasFor, type IndexKind } from "../../platform/search/opensearch-indices";
import type {
  ClipSearchParams,
  ClipSearchResult,
  EntitySearchParams,
  GameSearchResult,
  IdSearchResult,
  SearchEngine,
} from "./engine";
import {
  type ClipAggregationResult,
  clipAggregations,
  clipFilterClauses,
  clipSort,
  clipTextQuery,
  toFacets,
} from "./opensearch-query";

/**
 * Suggestions stay on Postgres (trigram indexes on short columns answer them fast), as in the original; so does the
 * vector leg (the vectors live in pgvector).
 */
export type OpenSearchEngine = Omit<SearchEngine, "kind" | "suggest" | "searchClipsByVector">;

interface Hit<S> {
  _id: string;
  _score: number | null;
  _source?: S;
}
interface SearchResponse<S, A = undefined> {
  hits: { total: { value: number }; hits: Hit<S>[] };
  aggregations?: A;
}

/** Guard rails in front of the cluster (the route already clamps; this keeps any other caller honest). */
const MAX_SIZE = 100;
const MAX_FROM = 10_000;

async function search<S, A = undefined>(client: OsClient, kind: IndexKind, body: Record<string, unknown>) {
  const res = await client.request<SearchResponse<S, A>>({
    method: "POST",
    path: `/${aliasFor(client, kind)}/_search`,
    body: { track_total_hits: true, timeout: `${client.config.timeoutMs}ms`, ...body },
  });
  return res.body;
}

function page(p: { offset: number; limit: number }) {
  return { from: Math.min(Math.max(p.offset, 0), MAX_FROM), size: Math.min(Math.max(p.limit, 0), MAX_SIZE) };
}

const scored = (hits: Hit<unknown>[]) => hits.map((h) => ({ id: h._id, score: h._score ?? 0 }));

/** Exact words (typo-tolerant) or, for as-you-type input, name prefixes. */
function nameQuery(q: string, fields: string[], prefixFields: string[]) {
  return {
    bool: {
      should: [
        { multi_match: { query: q, type: "best_fields", fields, fuzziness: "AUTO", operator: "and" } },
        { multi_match: { query: q, type: "cross_fields", fields: prefixFields, operator: "and", boost: 0.5 } },
      ],
      minimum_should_match: 1,
    },
  };
}

async function searchIds(
  client: OsClient,
  kind: IndexKind,
  query: unknown,
  tiebreak: unknown[],
  p: EntitySearchParams,
): Promise<IdSearchResult> {
  const body = await search(client, kind, {
    ...page(p.page),
    _source: false,
    query,
    sort: [{ _score: "desc" }, ...tiebreak, { id: "asc" }],
  });
  return { hits: scored(body.hits.hits), total: body.hits.total.value };
}

/**
 * Fewer strict matches than this, and the loose query answers (for every page alike, as it depends on the total).
 * Relevance order only: by date or votes, the partial matches would mix in among the good ones.
 */
const LOOSE_BELOW = 5;

async function searchClipsWith(client: OsClient, p: ClipSearchParams, mode: "strict" | "loose") {
  const body = await search<unknown, ClipAggregationResult>(client, "clips", {
    ...page(p.page),
    _source: false,
    query: { bool: { must: clipTextQuery(p.q, mode), filter: clipFilterClauses(p.filters) } },
    sort: clipSort(p.sort),
    ...(p.facets ? { aggs: clipAggregations } : {}),
  });
  return {
    hits: scored(body.hits.hits),
    total: body.hits.total.value,
    facets: body.aggregations ? toFacets(body.aggregations) : undefined,
  };
}

export function createOpenSearchEngine(client: OsClient): OpenSearchEngine {
  return {
    searchClips: async (p: ClipSearchParams): Promise<ClipSearchResult> => {
      const strict = await searchClipsWith(client, p, "strict");
      if (strict.total >= LOOSE_BELOW || p.sort !== "relevance") return strict;
      return searchClipsWith(client, p, "loose");
    },
    searchCreators: (p) =>
      searchIds(
        client,
        "creators",
        nameQuery(p.q, ["username^3", "display_name^2", "bio"], ["username.autocomplete", "display_name.autocomplete"]),
        [{ karma_points: "desc" }],
        p,
      ),
    searchTags: (p) =>
      searchIds(
        client,
        "tags",
        nameQuery(p.q, ["name^2", "slug.text^2", "description"], ["name.autocomplete"]),
        [{ usage_count: "desc" }],
        p,
      ),
    searchGames: async (p): Promise<GameSearchResult> => {
      const body = await search<{ name: string; clip_count: number }>(client, "games", {
        ...page(p.page),
        _source: ["name", "clip_count"],
        query: nameQuery(p.q, ["name^2", "name.english"], ["name.autocomplete"]),
        sort: [{ _score: "desc" }, { clip_count: "desc" }, { id: "asc" }],
      });
      return {
        hits: body.hits.hits.map((h) => ({ id: h._id, name: h._source!.name, clip_count: h._source!.clip_count })),
        total: body.hits.total.value,
      };
    },
  };
}

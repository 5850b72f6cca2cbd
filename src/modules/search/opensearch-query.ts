import type { ClipFacets, ClipFilters, FacetBucket, SearchSort } from "./engine";

/**
 * Query bodies for the clip index. User text only ever goes into `match`/`multi_match` query values, which are
 * analysed as plain text, so no input can become query syntax (unlike `query_string`).
 */
type Json = Record<string, unknown>;

const FACET_BUCKETS = 20;
const RANKED_FIELDS = [
  "title^3",
  "title.english^3",
  "broadcaster_name^2",
  "creator_name^2",
  "game_name",
  "tags.text^2",
];
const PREFIX_FIELDS = [
  "title.autocomplete",
  "broadcaster_name.autocomplete",
  "creator_name.autocomplete",
  "game_name.autocomplete",
];

/** A clip matches when every word is found somewhere (typo-tolerant), or every word prefixes a name (as-you-type). */
export function clipTextQuery(q: string): Json {
  return {
    bool: {
      must: {
        bool: {
          should: [
            { match: { search_text: { query: q, operator: "and", fuzziness: "AUTO", prefix_length: 1 } } },
            { multi_match: { query: q, type: "cross_fields", operator: "and", fields: PREFIX_FIELDS, boost: 0.5 } },
          ],
          minimum_should_match: 1,
        },
      },
      // Ranking only: field weights, then an exact title phrase on top. Exact terms: typos already match through
      // the fuzzy clause above, and fuzzy expansion over six fields was a third of the query's cost.
      should: [
        { multi_match: { query: q, type: "best_fields", fields: RANKED_FIELDS, tie_breaker: 0.3 } },
        { match_phrase: { title: { query: q, boost: 2 } } },
      ],
    },
  };
}

export function clipFilterClauses(f: ClipFilters): Json[] {
  const clauses: Json[] = [];
  if (f.gameId) clauses.push({ term: { game_id: f.gameId } });
  if (f.creatorId) clauses.push({ term: { creator_id: f.creatorId } });
  if (f.broadcasterId) clauses.push({ term: { broadcaster_id: f.broadcasterId } });
  if (f.language) clauses.push({ term: { language: f.language } });
  if (f.minVotes !== undefined) clauses.push({ range: { vote_score: { gte: f.minVotes } } });
  if (f.dateFrom || f.dateTo) {
    clauses.push({ range: { created_at: { gte: f.dateFrom?.toISOString(), lte: f.dateTo?.toISOString() } } });
  }
  for (const slug of f.tags ?? []) clauses.push({ term: { tags: slug } });
  return clauses;
}

export function clipSort(sort: SearchSort): Json[] {
  const recent = [{ created_at: "desc" }, { id: "desc" }];
  if (sort === "recent") return recent;
  if (sort === "popular") return [{ vote_score: "desc" }, ...recent];
  return [{ _score: "desc" }, { vote_score: "desc" }, ...recent];
}

const byCount = [{ _count: "desc" }, { _key: "asc" }];

export const clipAggregations: Json = {
  languages: { terms: { field: "language", size: FACET_BUCKETS, order: byCount } },
  games: {
    terms: { field: "game_id", size: FACET_BUCKETS, order: byCount },
    aggs: { name: { terms: { field: "game_name.keyword", size: 1 } } },
  },
  tags: { terms: { field: "tag_labels", size: FACET_BUCKETS, order: byCount } },
  // Same buckets as the Postgres engine: `from` inclusive, `to` exclusive.
  date_range: {
    date_range: {
      field: "created_at",
      keyed: true,
      ranges: [
        { key: "last_hour", from: "now-1h" },
        { key: "last_day", from: "now-1d", to: "now-1h" },
        { key: "last_week", from: "now-7d", to: "now-1d" },
        { key: "last_month", from: "now-30d", to: "now-7d" },
        { key: "older", to: "now-30d" },
      ],
    },
  },
};

interface TermBucket {
  key: string;
  doc_count: number;
  name?: { buckets: { key: string }[] };
}
export interface ClipAggregationResult {
  languages: { buckets: TermBucket[] };
  games: { buckets: TermBucket[] };
  tags: { buckets: TermBucket[] };
  date_range: { buckets: Record<keyof ClipFacets["date_range"], { doc_count: number }> };
}

export function toFacets(a: ClipAggregationResult): ClipFacets {
  const tag = (b: TermBucket): FacetBucket => {
    const [key = "", label] = b.key.split("\t");
    return { key, label, count: b.doc_count };
  };
  const d = a.date_range.buckets;
  return {
    languages: a.languages.buckets.filter((b) => b.key !== "").map((b) => ({ key: b.key, count: b.doc_count })),
    games: a.games.buckets.map((b) => ({ key: b.key, label: b.name?.buckets[0]?.key, count: b.doc_count })),
    tags: a.tags.buckets.map(tag),
    date_range: {
      last_hour: d.last_hour.doc_count,
      last_day: d.last_day.doc_count,
      last_week: d.last_week.doc_count,
      last_month: d.last_month.doc_count,
      older: d.older.doc_count,
    },
  };
}

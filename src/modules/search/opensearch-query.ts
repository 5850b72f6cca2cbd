import { TITLE_LANGUAGES } from "../../platform/search/opensearch-indices";
import type { ClipFacets, ClipFilters, FacetBucket, SearchSort } from "./engine";

/**
 * Query bodies for the clip index. User text only ever goes into `match`/`multi_match` query values, which are
 * analysed as plain text, so no input can become query syntax (unlike `query_string`).
 */
type Json = Record<string, unknown>;

const FACET_BUCKETS = 20;
/** Up to two words every word, from three words 70 % of them: "crying with laughter over a flare gun" needs four. */
const MIN_SHOULD_MATCH = "2<70%";
/**
 * Tuned on the independent eval set's tune half: tags weigh three times the title, since a raw stream title
 * (`🔴 LIVE | day 4`) says nothing and the tags carry the moment, and a game's name more still: a word of it in a
 * query ("king", "up") is asking for the game far more often than for a title that happens to hold the word.
 */
const RANKED_FIELDS = [
  "title",
  "title.english",
  "tags.text^3",
  "broadcaster_name^2",
  "game_name^4.5",
  "game_name.english^4.5",
  "creator_name",
];
const HANDLE_FIELDS = ["broadcaster_name", "creator_name"];
const LANGUAGE_FIELDS = Object.keys(TITLE_LANGUAGES).map((lang) => `title_${lang}`);
const PREFIX_FIELDS = [
  "title.autocomplete",
  "broadcaster_name.autocomplete",
  "creator_name.autocomplete",
  "game_name.autocomplete",
];

/** One typo from four letters, two from eight: with AUTO's one typo in three letters, "tax" found every "tag". */
const fuzzy = { fuzziness: "AUTO:4,8", prefix_length: 1 };

/**
 * Which clips match, and the ranking on top. `strict`: most of the words, exact, stemmed or within a typo, somewhere
 * in the clip, or every word prefixing a name (as-you-type). `loose`: any one word, typos included; the engine runs
 * it only when the strict query finds almost nothing, so a partial match is never hidden behind zero results.
 */
export function clipTextQuery(q: string, mode: "strict" | "loose" = "strict"): Json {
  const match = mode === "strict" ? { minimum_should_match: MIN_SHOULD_MATCH } : { operator: "or" };
  return {
    bool: {
      must: {
        bool: {
          should: [
            { match: { search_text: { query: q, ...match } } },
            { match: { "search_text.english": { query: q, ...match } } },
            { match: { search_text: { query: q, ...match, ...fuzzy, boost: 0.5 } } },
            { multi_match: { query: q, type: "best_fields", fields: LANGUAGE_FIELDS, ...match } },
            { multi_match: { query: q, fields: HANDLE_FIELDS, analyzer: "joined" } },
            { multi_match: { query: q, type: "cross_fields", operator: "and", fields: PREFIX_FIELDS, boost: 0.5 } },
          ],
          minimum_should_match: 1,
        },
      },
      // Ranking only: field weights, then an exact title phrase on top. Exact terms: typos already match through
      // the fuzzy clause above, and fuzzy expansion over every field was a third of the query's cost.
      should: [
        { multi_match: { query: q, type: "best_fields", fields: RANKED_FIELDS, tie_breaker: 0.3 } },
        { multi_match: { query: q, type: "best_fields", fields: LANGUAGE_FIELDS, boost: 1.5 } },
        { multi_match: { query: q, fields: HANDLE_FIELDS, analyzer: "joined", boost: 2 } },
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

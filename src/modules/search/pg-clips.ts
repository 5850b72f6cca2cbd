import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { feedableClips } from "../clips/feedable";
import type { ClipFacets, ClipFilters, ClipSearchParams, ClipSearchResult, SearchSort } from "./engine";
import { planMatch, planScore } from "./pg-keyword";
import { choosePlan, idfOf } from "./pg-keyword-plan";
import { queryTerms } from "./query-terms";

/** Facets are counted over at most this many matches, so a broad query cannot make them scan the whole table. */
const FACET_SCAN_LIMIT = 10_000;
const FACET_BUCKETS = 20;
/** Totals are exact up to this many matches (the deepest page the API serves is at offset 10 000). */
const TOTAL_CAP = 10_100;
/** Below this many matches of the required number of words, any one word is enough. */
const ENOUGH_MATCHES = 5;

/** Feedable clips matching the filters (alias `c`); shared by the full-text and the vector leg. */
export function filterSql(f: ClipFilters): SQL {
  const where = [feedableClips("c")];
  if (f.gameId) where.push(sql`c.game_id = ${f.gameId}`);
  if (f.creatorId) where.push(sql`c.creator_id = ${f.creatorId}`);
  if (f.broadcasterId) where.push(sql`c.broadcaster_id = ${f.broadcasterId}`);
  if (f.language) where.push(sql`lower(c.language) = lower(${f.language})`);
  if (f.minVotes !== undefined) where.push(sql`c.vote_score >= ${f.minVotes}`);
  if (f.dateFrom) where.push(sql`c.created_at >= ${f.dateFrom.toISOString()}::timestamptz`);
  if (f.dateTo) where.push(sql`c.created_at <= ${f.dateTo.toISOString()}::timestamptz`);
  if (f.tags?.length) {
    const slugs = sql.join(
      f.tags.map((s) => sql`${s}`),
      sql`, `,
    );
    where.push(sql`(select count(*) from clip_tags ct join tags t on t.id = ct.tag_id
      where ct.clip_id = c.id and t.slug in (${slugs}))::int = ${f.tags.length}`);
  }
  return sql.join(where, sql` and `);
}

/** The filters as a key: the keyword plan keeps word counts per set of filters (pg-keyword-plan.ts). */
const filterKey = (f: ClipFilters) => JSON.stringify(f);

function orderSql(sort: SearchSort): SQL {
  if (sort === "recent") return sql`m.created_at desc, m.id desc`;
  if (sort === "popular") return sql`m.vote_score desc, m.created_at desc, m.id desc`;
  return sql`m.score desc, m.vote_score desc, m.created_at desc, m.id desc`;
}

/** The facet columns over `f`, a CTE of at most FACET_SCAN_LIMIT matches. */
const facetColumns = sql`
  coalesce((select json_agg(x) from (
    select f.language as key, count(*)::int as count from f where f.language is not null and f.language <> ''
    group by f.language order by count(*) desc, f.language limit ${FACET_BUCKETS}) x), '[]'::json) as languages,
  coalesce((select json_agg(x) from (
    select f.game_id as key, max(f.game_name) as label, count(*)::int as count from f where f.game_id is not null
    group by f.game_id order by count(*) desc, f.game_id limit ${FACET_BUCKETS}) x), '[]'::json) as games,
  coalesce((select json_agg(x) from (
    select t.slug as key, t.name as label, count(*)::int as count from f
    join clip_tags ct on ct.clip_id = f.id join tags t on t.id = ct.tag_id
    group by t.slug, t.name order by count(*) desc, t.slug limit ${FACET_BUCKETS}) x), '[]'::json) as tags,
  (select json_build_object(
    'last_hour', count(*) filter (where f.created_at >= now() - interval '1 hour'),
    'last_day', count(*) filter (where f.created_at < now() - interval '1 hour' and f.created_at >= now() - interval '1 day'),
    'last_week', count(*) filter (where f.created_at < now() - interval '1 day' and f.created_at >= now() - interval '7 days'),
    'last_month', count(*) filter (where f.created_at < now() - interval '7 days' and f.created_at >= now() - interval '30 days'),
    'older', count(*) filter (where f.created_at < now() - interval '30 days')) from f) as date_range`;

interface MatchRow extends Partial<ClipFacets> {
  total: number;
  hits: [string, number][] | null;
}

/**
 * The page, the total (exact up to TOTAL_CAP) and the facets in one statement: the matches are read once — one
 * bitmap over the index, one pass over the heap — however many of the three the request needs.
 */
async function matchPage(db: Db, where: SQL, score: SQL, p: ClipSearchParams): Promise<ClipSearchResult> {
  const order = orderSql(p.sort);
  const [row] = await queryRows<MatchRow>(
    db,
    sql`with m as materialized (
        select c.id, c.language, c.game_id, c.game_name, c.created_at, c.vote_score, (${score})::float8 as score
        from clips c where ${where}
      ), f as (select * from m limit ${FACET_SCAN_LIMIT})
      select (select count(*)::int from (select from m limit ${TOTAL_CAP}) t) as total,
        (select json_agg(json_build_array(h.id, h.score) order by h.n) from (
          select m.id, m.score, row_number() over (order by ${order}) as n from m
          order by ${order} limit ${p.page.limit} offset ${p.page.offset}) h) as hits
        ${p.facets ? sql`, ${facetColumns}` : sql``}`,
  );
  const { total, hits, ...facetCounts } = row!;
  return {
    hits: (hits ?? []).map(([id, score]) => ({ id, score: Number(score) })),
    total: Number(total),
    facets: p.facets ? (facetCounts as ClipFacets) : undefined,
  };
}

const NO_FACETS: ClipFacets = {
  languages: [],
  games: [],
  tags: [],
  date_range: { last_hour: 0, last_day: 0, last_week: 0, last_month: 0, older: 0 },
};

/**
 * Keyword search over `search_vector` (english stems + unaccented words, tags, split handles) with OR semantics and a
 * minimum-should-match, ranked BM25-style (pg-keyword.ts). Misspelt words match by trigrams; if fewer than
 * ENOUGH_MATCHES clips hold the required number of words, one word is enough: a query never comes back empty while
 * one of its words matches something.
 */
export async function searchClipsPg(db: Db, p: ClipSearchParams): Promise<ClipSearchResult> {
  const query = queryTerms(p.q);
  if (query.terms.length === 0) return { hits: [], total: 0, facets: p.facets ? NO_FACETS : undefined };
  const filters = filterSql(p.filters);
  const { plan, stats } = await choosePlan(db, filters, filterKey(p.filters), query, p.q);
  const score = planScore(plan, idfOf(stats));
  const search = (required: number) => matchPage(db, sql`${filters} and ${planMatch({ ...plan, required })}`, score, p);
  const result = await search(plan.required);
  return result.total < ENOUGH_MATCHES && plan.required > 1 ? search(1) : result;
}

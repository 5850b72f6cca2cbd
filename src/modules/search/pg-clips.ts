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

function orderSql(sort: SearchSort): SQL {
  if (sort === "recent") return sql`c.created_at desc, c.id desc`;
  if (sort === "popular") return sql`c.vote_score desc, c.created_at desc, c.id desc`;
  return sql`score desc, c.vote_score desc, c.created_at desc, c.id desc`;
}

async function facets(db: Db, where: SQL): Promise<ClipFacets> {
  const [row] = await queryRows<ClipFacets>(
    db,
    sql`with m as materialized (
      select c.id, c.language, c.game_id, c.game_name, c.created_at from clips c where ${where} limit ${FACET_SCAN_LIMIT}
    )
    select
      coalesce((select json_agg(x) from (
        select m.language as key, count(*)::int as count from m where m.language is not null and m.language <> ''
        group by m.language order by count(*) desc, m.language limit ${FACET_BUCKETS}) x), '[]'::json) as languages,
      coalesce((select json_agg(x) from (
        select m.game_id as key, max(m.game_name) as label, count(*)::int as count from m where m.game_id is not null
        group by m.game_id order by count(*) desc, m.game_id limit ${FACET_BUCKETS}) x), '[]'::json) as games,
      coalesce((select json_agg(x) from (
        select t.slug as key, t.name as label, count(*)::int as count from m
        join clip_tags ct on ct.clip_id = m.id join tags t on t.id = ct.tag_id
        group by t.slug, t.name order by count(*) desc, t.slug limit ${FACET_BUCKETS}) x), '[]'::json) as tags,
      (select json_build_object(
        'last_hour', count(*) filter (where m.created_at >= now() - interval '1 hour'),
        'last_day', count(*) filter (where m.created_at < now() - interval '1 hour' and m.created_at >= now() - interval '1 day'),
        'last_week', count(*) filter (where m.created_at < now() - interval '1 day' and m.created_at >= now() - interval '7 days'),
        'last_month', count(*) filter (where m.created_at < now() - interval '7 days' and m.created_at >= now() - interval '30 days'),
        'older', count(*) filter (where m.created_at < now() - interval '30 days')) from m) as date_range`,
  );
  return row!;
}

/**
 * Keyword search over `search_vector` (english stems + unaccented words, tags, split handles) with OR semantics and a
 * minimum-should-match, ranked BM25-style (pg-keyword.ts). Misspelt words match by trigrams; a query never comes
 * back empty while one of its words matches something.
 */
export async function searchClipsPg(db: Db, p: ClipSearchParams): Promise<ClipSearchResult> {
  const query = queryTerms(p.q);
  if (query.terms.length === 0)
    return { hits: [], total: 0, facets: p.facets ? await facets(db, sql`false`) : undefined };
  const filters = filterSql(p.filters);
  const { plan, stats, total } = await choosePlan(db, filters, query, p.q);
  const where = sql`${filters} and ${planMatch(plan)}`;
  const score = planScore(plan, idfOf(stats));

  const [hits, facetCounts] = await Promise.all([
    p.page.limit > 0 && total > 0
      ? queryRows<{ id: string; score: number }>(
          db,
          sql`select c.id, (${score})::float8 as score from clips c where ${where}
            order by ${orderSql(p.sort)} limit ${p.page.limit} offset ${p.page.offset}`,
        )
      : Promise.resolve([]),
    p.facets ? facets(db, where) : Promise.resolve(undefined),
  ]);
  return { hits: hits.map((h) => ({ id: h.id, score: Number(h.score) })), total, facets: facetCounts };
}

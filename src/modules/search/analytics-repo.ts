import { desc, eq, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { searchQueries } from "../../db/schema";

export interface SearchLogEntry {
  query: string;
  filters: Record<string, unknown>;
  resultCount: number;
  userId?: string;
  /** When the search ran (rows are written later, in batches). */
  searchedAt: Date;
}

export async function insertSearchQueries(db: Db, entries: SearchLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(searchQueries).values(
    entries.map((e) => ({
      query: e.query,
      filters: e.filters,
      resultCount: e.resultCount,
      userId: e.userId ?? null,
      createdAt: e.searchedAt,
    })),
  );
}

export async function findSearchHistory(db: Db, userId: string, limit: number) {
  const rows = await db
    .select({
      query: searchQueries.query,
      result_count: searchQueries.resultCount,
      created_at: searchQueries.createdAt,
    })
    .from(searchQueries)
    .where(eq(searchQueries.userId, userId))
    .orderBy(desc(searchQueries.createdAt), desc(searchQueries.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() }));
}

/** Queries are grouped case-insensitively; only searches that found something count as trending. */
export async function findTrendingSearches(db: Db, days: number, limit: number) {
  const rows = await queryRows<{ query: string; search_count: number; unique_users: number; avg_results: number }>(
    db,
    sql`select min(query) as query, count(*)::int as search_count, count(distinct user_id)::int as unique_users,
        round(avg(result_count), 2)::float8 as avg_results
      from search_queries
      where created_at >= now() - make_interval(days => ${days}) and result_count > 0
      group by lower(query)
      order by count(*) desc, count(distinct user_id) desc, lower(query)
      limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, avg_results: Number(r.avg_results) }));
}

export async function findFailedSearches(db: Db, days: number, limit: number) {
  const rows = await queryRows<{ query: string; search_count: number; last_searched_at: string | Date }>(
    db,
    sql`select min(query) as query, count(*)::int as search_count, max(created_at) as last_searched_at
      from search_queries
      where created_at >= now() - make_interval(days => ${days}) and result_count = 0
      group by lower(query)
      order by count(*) desc, max(created_at) desc
      limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, last_searched_at: new Date(r.last_searched_at).toISOString() }));
}

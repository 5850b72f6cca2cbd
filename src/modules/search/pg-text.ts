import { type SQL, sql } from "drizzle-orm";
import { escapeLike } from "../../db/like";

/** A LIKE pattern matching `q` literally at the start of the value or of any word in it. */
export function likePatterns(q: string): { start: string; word: string } {
  const escaped = escapeLike(q);
  return { start: `${escaped}%`, word: `% ${escaped}%` };
}

/**
 * Shorter than this, a query is only matched by prefix: two letters share too few trigrams with any longer name to
 * reach the similarity threshold, yet their trigrams ("  s", " sh") are in most rows, so the index scan for them
 * cost a suggestion ~0.2 s on 100k clips and found nothing the prefix patterns miss.
 */
const MIN_TRIGRAM_QUERY = 3;

const trigrams = (q: string) => [...q.trim()].length >= MIN_TRIGRAM_QUERY;

/** Matches a column by prefix of the value or of a word in it; served by gin_trgm_ops. */
export function prefixMatch(column: SQL, q: string): SQL {
  const { start, word } = likePatterns(q);
  return sql`(${column} ilike ${start} or ${column} ilike ${word})`;
}

/** prefixMatch, or trigram similarity (a misspelt name); all served by gin_trgm_ops. */
export function fuzzyMatch(column: SQL, q: string): SQL {
  return trigrams(q) ? sql`(${prefixMatch(column, q)} or ${column} % ${q})` : prefixMatch(column, q);
}

/**
 * The ids of `table`'s rows whose `columns` fuzzyMatch `q`, one branch per column and kind of match: each branch is
 * planned on its own and takes its trigram index, where one OR over every column can make the planner scan the whole
 * table (it prices a trigram comparison like an integer one; a multi-word query then cost a users scan of ~30 ms).
 * `table` and `columns` are constants of ours, never input.
 */
export function fuzzyIds(table: string, columns: string[], q: string): SQL {
  const from = sql.raw(`select id from ${table} where `);
  const branches = columns.flatMap((name) => {
    const column = sql.raw(name);
    const prefix = sql`${from}${prefixMatch(column, q)}`;
    return trigrams(q) ? [prefix, sql`${from}${column} % ${q}`] : [prefix];
  });
  return sql.join(branches, sql` union all `);
}

/** 3 exact, 2 starts with, 1 word prefix, else trigram similarity below 1: a relevance score for names. */
export function nameScore(column: SQL, q: string): SQL {
  const { start, word } = likePatterns(q);
  return sql`(case when lower(${column}) = lower(${q}) then 3 when ${column} ilike ${start} then 2
    when ${column} ilike ${word} then 1 else similarity(${column}, ${q}) end)::float8`;
}

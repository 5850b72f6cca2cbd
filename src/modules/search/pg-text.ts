import { type SQL, sql } from "drizzle-orm";
import { escapeLike } from "../../db/like";

/** A LIKE pattern matching `q` literally at the start of the value or of any word in it. */
export function likePatterns(q: string): { start: string; word: string } {
  const escaped = escapeLike(q);
  return { start: `${escaped}%`, word: `% ${escaped}%` };
}

/** Matches a column by prefix (of the value or a word) or by trigram similarity; all served by gin_trgm_ops. */
export function fuzzyMatch(column: SQL, q: string): SQL {
  const { start, word } = likePatterns(q);
  return sql`(${column} ilike ${start} or ${column} ilike ${word} or ${column} % ${q})`;
}

/**
 * The ids of `table`'s rows whose `columns` fuzzyMatch `q`, one branch per column and kind of match: each branch is
 * planned on its own and takes its trigram index, where one OR over every column can make the planner scan the whole
 * table (it prices a trigram comparison like an integer one; a multi-word query then cost a users scan of ~30 ms).
 * `table` and `columns` are constants of ours, never input.
 */
export function fuzzyIds(table: string, columns: string[], q: string): SQL {
  const { start, word } = likePatterns(q);
  const from = sql.raw(`select id from ${table} where `);
  const branches = columns.flatMap((name) => {
    const column = sql.raw(name);
    return [sql`${from}${column} ilike ${start} or ${column} ilike ${word}`, sql`${from}${column} % ${q}`];
  });
  return sql.join(branches, sql` union all `);
}

/** 3 exact, 2 starts with, 1 word prefix, else trigram similarity below 1: a relevance score for names. */
export function nameScore(column: SQL, q: string): SQL {
  const { start, word } = likePatterns(q);
  return sql`(case when lower(${column}) = lower(${q}) then 3 when ${column} ilike ${start} then 2
    when ${column} ilike ${word} then 1 else similarity(${column}, ${q}) end)::float8`;
}

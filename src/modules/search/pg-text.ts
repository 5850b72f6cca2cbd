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

/** 3 exact, 2 starts with, 1 word prefix, else trigram similarity below 1: a relevance score for names. */
export function nameScore(column: SQL, q: string): SQL {
  const { start, word } = likePatterns(q);
  return sql`(case when lower(${column}) = lower(${q}) then 3 when ${column} ilike ${start} then 2
    when ${column} ilike ${word} then 1 else similarity(${column}, ${q}) end)::float8`;
}

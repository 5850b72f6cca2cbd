import { type SQL, sql } from "drizzle-orm";
import { escapeLike } from "../../db/like";

const TERM = /[\p{L}\p{N}]+/gu;
// Quotes, a leading minus or OR give the query websearch meaning that an added prefix alternative would override.
const WEBSEARCH_SYNTAX = /["]|(?:^|\s)-\S|(?:^|\s)or(?:\s|$)/i;
const MAX_TERMS = 16;

/**
 * The tsquery for user text: `websearch_to_tsquery` (never raises on any input) OR'd with an AND of the terms whose
 * last one is a prefix, for as-you-type matches. The prefix variant is built only from letters and digits, so the
 * text handed to `to_tsquery` cannot contain tsquery syntax.
 */
export function tsQuery(q: string): SQL {
  const terms = (q.toLowerCase().match(TERM) ?? []).slice(0, MAX_TERMS);
  if (terms.length === 0 || WEBSEARCH_SYNTAX.test(q)) return sql`websearch_to_tsquery('english', ${q})`;
  const prefix = `${terms.join(" & ")}:*`;
  return sql`(websearch_to_tsquery('english', ${q}) || to_tsquery('english', ${prefix}))`;
}

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

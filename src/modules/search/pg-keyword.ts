import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { correctWord, hasSearchWords } from "./pg-words";
import { minimumShouldMatch, type QueryTerms } from "./query-terms";

/** Field weights by tsvector label (0012): A title, B broadcaster, C game and tags, D the clipper's name. */
const FIELD_WEIGHTS = [
  ["A", 1.0],
  ["B", 0.8],
  ["C", 0.6],
  ["D", 0.3],
] as const;
/** A misspelt word counts this much of an exact one, times its trigram word similarity. */
const FUZZY_WEIGHT = 0.6;
/** Added (times the summed idf) when the whole query appears as written in the clip's text. */
const PHRASE_BONUS = 0.5;
/** Below this many matches a looser plan is tried: misspellings, then any single word. */
export const ENOUGH_MATCHES = 5;
/** Document frequencies are counted up to this: past it a word is common, and counting more costs more than it tells. */
const DF_CAP = 5_000;
/** Totals are exact up to this many matches (the deepest page the API serves is at offset 10 000). */
const TOTAL_CAP = 10_100;
/** Up to this many words the minimum-should-match is one tsquery of combinations (at most 20 of them). */
const MAX_COMBO_TERMS = 6;

/** One query word: matched exactly (stems or unaccented words, the last one also as a prefix) or by trigrams. */
interface Term {
  word: string;
  fuzzy: boolean;
  prefix: boolean;
}

export interface KeywordPlan {
  terms: Term[];
  required: number;
  phrase?: string;
}

/**
 * The word as stems or unaccented words, the last one also as a prefix, in the fields labelled `labels`. Only letters
 * and digits reach to_tsquery (queryTerms), so the text cannot carry tsquery syntax.
 */
function termQuery(t: Term, labels = ""): SQL {
  const suffix = `:${t.prefix ? "*" : ""}${labels}`;
  const query = sql`(to_tsquery('english', ${t.word + suffix}) || to_tsquery('simple', clipper_unaccent(${t.word}) || ${suffix}))`;
  return query;
}

export function termMatch(t: Term): SQL {
  return t.fuzzy ? sql`(c.search_text %> clipper_unaccent(${t.word}))` : sql`(c.search_vector @@ ${termQuery(t)})`;
}

/** idf × the weight of the best field holding the word (a misspelt one: × its trigram similarity). */
function termScore(t: Term, idf: number): SQL {
  if (t.fuzzy) return sql`${idf * FUZZY_WEIGHT}::float8 * word_similarity(clipper_unaccent(${t.word}), c.search_text)`;
  const [[, top], ...rest] = FIELD_WEIGHTS;
  const fields = rest.map(([label, w]) => sql`when c.search_vector @@ ${termQuery(t, label)} then ${idf * w}::float8`);
  return sql`(case when c.search_vector @@ ${termQuery(t, "A")} then ${idf * top}::float8 ${sql.join(fields, sql` `)} else 0 end)`;
}

/** Every way to pick `k` of `items` (the query has at most MAX_COMBO_TERMS words when this runs). */
function combinations<T>(items: T[], k: number): T[][] {
  if (k === 0) return [[]];
  return items.flatMap((item, i) => combinations(items.slice(i + 1), k - 1).map((rest) => [item, ...rest]));
}

/**
 * Clips containing at least `required` of the plan's words. With exact words only, that is one tsquery — an OR of
 * the ANDs of every `required` of them — which the GIN index answers by intersecting posting lists, instead of
 * fetching every clip holding any one word and counting.
 */
export function planMatch(plan: KeywordPlan): SQL {
  const any = sql.join(plan.terms.map(termMatch), sql` or `);
  if (plan.required <= 1) return sql`(${any})`;
  if (plan.terms.length <= MAX_COMBO_TERMS && plan.terms.every((t) => !t.fuzzy)) {
    const ands = combinations(plan.terms, plan.required).map(
      (combo) =>
        sql`(${sql.join(
          combo.map((t) => termQuery(t)),
          sql` && `,
        )})`,
    );
    return sql`(c.search_vector @@ (${sql.join(ands, sql` || `)}))`;
  }
  const hits = sql.join(
    plan.terms.map((t) => sql`${termMatch(t)}::int`),
    sql` + `,
  );
  return sql`((${any}) and (${hits}) >= ${plan.required})`;
}

/** BM25-style: Σ idf(word) × field weight of the best field holding it, plus a bonus for the exact phrase. */
export function planScore(plan: KeywordPlan, idf: number[]): SQL {
  const parts = plan.terms.map((t, i) => sql`(case when ${termMatch(t)} then ${termScore(t, idf[i]!)} else 0 end)`);
  if (plan.phrase) {
    const bonus = PHRASE_BONUS * idf.reduce((a, b) => a + b, 0);
    parts.push(
      sql`(case when strpos(c.search_text, lower(clipper_unaccent(${plan.phrase}))) > 0 then ${bonus}::float8 else 0 end)`,
    );
  }
  return sql.join(parts, sql` + `);
}

export interface PlanStats {
  /** Clips matching each word within the filters, counted up to DF_CAP. */
  df: number[];
  /** Feedable clips in all: the N of the idf. */
  corpus: number;
}

/** Rows matching `match` within the filters, counted up to `cap`: a bounded index scan, however common the words. */
async function cappedCount(db: Db, filters: SQL, match: SQL, cap: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from clips c where ${filters} and ${match} limit ${cap}) x`,
  );
  return row?.n ?? 0;
}

async function termStats(db: Db, filters: SQL, terms: Term[]): Promise<PlanStats> {
  const [corpus, ...df] = await Promise.all([
    queryRows<{ n: number }>(db, sql`select coalesce(sum(n), 0)::float8 as n from clip_counts where scope = 'feed'`),
    ...terms.map((t) => cappedCount(db, filters, termMatch(t), DF_CAP)),
  ]);
  return { df: df as number[], corpus: Math.max(Number((corpus as { n: number }[])[0]?.n ?? 0), ...(df as number[])) };
}

export const idfOf = (stats: PlanStats) => stats.df.map((df) => Math.log(1 + (stats.corpus - df + 0.5) / (df + 0.5)));

/**
 * Exact words first; words found nowhere (within the filters) are matched by trigrams instead (typos); if fewer than
 * ENOUGH_MATCHES clips hold the required number of words, one word is enough. Returns the plan, its word counts and
 * its total, exact up to TOTAL_CAP.
 */
/**
 * Words found nowhere are replaced by their vocabulary correction (pg-words.ts), matched exactly; a word without one
 * is dropped. Until the vocabulary is first built they are matched by trigrams over every clip's text instead.
 */
async function correctTerms(db: Db, terms: Term[], missing: boolean[]): Promise<Term[]> {
  const vocabulary = await hasSearchWords(db);
  const corrected = await Promise.all(
    terms.map(async (t, i): Promise<Term | undefined> => {
      if (!missing[i]) return t;
      if (!vocabulary) return { ...t, fuzzy: true, prefix: false };
      const word = await correctWord(db, t.word);
      return word ? { word, fuzzy: false, prefix: false } : undefined;
    }),
  );
  const kept = corrected.filter((t): t is Term => t !== undefined);
  // Nothing one slip away from any word: nothing sensible matches, and the words stay as typed (no results).
  return kept.length > 0 ? kept : terms;
}

export async function choosePlan(db: Db, filters: SQL, query: QueryTerms, q: string) {
  const exact = query.terms.map((word) => ({ word, fuzzy: false, prefix: word === query.partial && word.length >= 3 }));
  let plan: KeywordPlan = {
    terms: exact,
    required: minimumShouldMatch(exact.length),
    phrase: exact.length > 1 ? q.trim() : undefined,
  };
  let stats = await termStats(db, filters, plan.terms);
  const missing = stats.df.map((df, i) => df === 0 && plan.terms[i]!.word.length >= 4);
  if (missing.some(Boolean)) {
    const terms = await correctTerms(db, plan.terms, missing);
    plan = { ...plan, terms, required: minimumShouldMatch(terms.length) };
    stats = await termStats(db, filters, plan.terms);
  }
  let total = await cappedCount(db, filters, planMatch(plan), TOTAL_CAP);
  if (total < ENOUGH_MATCHES && plan.required > 1) {
    plan = { ...plan, required: 1 };
    total = await cappedCount(db, filters, planMatch(plan), TOTAL_CAP);
  }
  return { plan, stats, total };
}

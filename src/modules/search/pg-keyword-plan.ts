import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { type KeywordPlan, planMatch, type Term, termMatch } from "./pg-keyword";
import { correctWord, hasSearchWords } from "./pg-words";
import { minimumShouldMatch, type QueryTerms } from "./query-terms";

/** Below this many matches a looser plan is tried: misspellings, then any single word. */
export const ENOUGH_MATCHES = 5;
/** Document frequencies are counted up to this: past it a word is common, and counting more costs more than it tells. */
const DF_CAP = 5_000;
/** Totals are exact up to this many matches (the deepest page the API serves is at offset 10 000). */
const TOTAL_CAP = 10_100;

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

/** Counts each word `known` has no count for, and the corpus unless given. */
async function termStats(db: Db, filters: SQL, terms: Term[], known: (t: Term) => number | undefined, corpus?: number) {
  const [n, ...df] = await Promise.all([
    corpus ??
      queryRows<{ n: number }>(
        db,
        sql`select coalesce(sum(n), 0)::float8 as n from clip_counts where scope = 'feed'`,
      ).then((rows) => Number(rows[0]?.n ?? 0)),
    ...terms.map((t) => known(t) ?? cappedCount(db, filters, termMatch(t), DF_CAP)),
  ]);
  return { df, corpus: Math.max(n!, ...df) } satisfies PlanStats;
}

export const idfOf = (stats: PlanStats) => stats.df.map((df) => Math.log(1 + (stats.corpus - df + 0.5) / (df + 0.5)));

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

/**
 * Exact words first; words found nowhere (within the filters) are corrected (above); if fewer than ENOUGH_MATCHES
 * clips hold the required number of words, one word is enough. Returns the plan, its word counts and its total,
 * exact up to TOTAL_CAP.
 */
export async function choosePlan(db: Db, filters: SQL, query: QueryTerms, q: string) {
  const exact = query.terms.map((word) => ({ word, fuzzy: false, prefix: word === query.partial && word.length >= 3 }));
  let plan: KeywordPlan = {
    terms: exact,
    required: minimumShouldMatch(exact.length),
    phrase: exact.length > 1 ? q.trim() : undefined,
  };
  // One word: the clips holding it are the plan's matches, so one count is both its document frequency and the total.
  let total = exact.length === 1 ? await cappedCount(db, filters, planMatch(plan), TOTAL_CAP) : undefined;
  let stats = await termStats(db, filters, plan.terms, () =>
    total === undefined ? undefined : Math.min(total, DF_CAP),
  );
  const missing = stats.df.map((df, i) => df === 0 && plan.terms[i]!.word.length >= 4);
  if (missing.some(Boolean)) {
    const terms = await correctTerms(db, plan.terms, missing);
    const first = new Map(plan.terms.map((t, i) => [t, stats.df[i]!]));
    plan = { ...plan, terms, required: minimumShouldMatch(terms.length) };
    stats = await termStats(db, filters, plan.terms, (t) => first.get(t), stats.corpus);
    total = undefined;
  }
  total ??= await cappedCount(db, filters, planMatch(plan), TOTAL_CAP);
  if (total < ENOUGH_MATCHES && plan.required > 1) {
    plan = { ...plan, required: 1 };
    total = await cappedCount(db, filters, planMatch(plan), TOTAL_CAP);
  }
  return { plan, stats, total };
}

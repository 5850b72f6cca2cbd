import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { type KeywordPlan, type Term, termMatch } from "./pg-keyword";
import { correctWord, hasSearchWords } from "./pg-words";
import { minimumShouldMatch, type QueryTerms } from "./query-terms";

/** Document frequencies are counted up to this: past it a word is common, and counting more costs more than it tells. */
const DF_CAP = 5_000;

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

/** Where a word's document frequency was seen before: `get` gives it if still good, `set` offers a new count. */
interface DfSource {
  get(t: Term): number | undefined;
  set(t: Term, df: number): void;
}

/**
 * Counting a word's clips costs as many rows as it has, so the words of at least MEMO_MIN_DF clips (within the same
 * filters) keep their count for MEMO_MS: a few clips more or less barely move a common word's idf. Rarer words, and
 * above all the words found nowhere (which are corrected), are counted every time, so a new clip is found at once.
 */
const MEMO_MIN_DF = 100;
const MEMO_MS = 60_000;
const MEMO_ENTRIES = 10_000;
const memos = new WeakMap<Db, Map<string, { df: number; at: number }>>();

function dfMemo(db: Db, scope: string): DfSource {
  const memo = memos.get(db) ?? new Map<string, { df: number; at: number }>();
  memos.set(db, memo);
  const key = (t: Term) => `${scope}\n${t.word}\n${t.prefix}\n${t.fuzzy}`;
  return {
    get: (t) => {
      const held = memo.get(key(t));
      return held && Date.now() - held.at < MEMO_MS ? held.df : undefined;
    },
    set: (t, df) => {
      if (df < MEMO_MIN_DF) return;
      if (memo.size >= MEMO_ENTRIES) memo.clear();
      memo.set(key(t), { df, at: Date.now() });
    },
  };
}

/** Counts each word `known` has no count for (offering the counts to it), and the corpus unless given. */
async function termStats(db: Db, filters: SQL, terms: Term[], known: DfSource, corpus?: number) {
  const count = async (t: Term) => {
    const df = await cappedCount(db, filters, termMatch(t), DF_CAP);
    known.set(t, df);
    return df;
  };
  const [n, ...df] = await Promise.all([
    corpus ??
      queryRows<{ n: number }>(
        db,
        sql`select coalesce(sum(n), 0)::float8 as n from clip_counts where scope = 'feed'`,
      ).then((rows) => Number(rows[0]?.n ?? 0)),
    ...terms.map((t) => known.get(t) ?? count(t)),
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
 * Exact words first; words found nowhere (within the filters) are corrected (above). Returns the plan and its word
 * counts; searchClipsPg relaxes it to one word when too few clips hold the required number. `scope` names the
 * filters `filters` is the SQL of: word counts are kept per scope.
 */
export async function choosePlan(db: Db, filters: SQL, scope: string, query: QueryTerms, q: string) {
  const exact = query.terms.map((word) => ({ word, fuzzy: false, prefix: word === query.partial && word.length >= 3 }));
  let plan: KeywordPlan = {
    terms: exact,
    required: minimumShouldMatch(exact.length),
    phrase: exact.length > 1 ? q.trim() : undefined,
  };
  const memo = dfMemo(db, scope);
  let stats = await termStats(db, filters, plan.terms, memo);
  const missing = stats.df.map((df, i) => df === 0 && plan.terms[i]!.word.length >= 4);
  if (missing.some(Boolean)) {
    const terms = await correctTerms(db, plan.terms, missing);
    const first = new Map(plan.terms.map((t, i) => [t, stats.df[i]!]));
    plan = { ...plan, terms, required: minimumShouldMatch(terms.length) };
    stats = await termStats(
      db,
      filters,
      plan.terms,
      { get: (t) => first.get(t) ?? memo.get(t), set: memo.set },
      stats.corpus,
    );
  }
  return { plan, stats };
}

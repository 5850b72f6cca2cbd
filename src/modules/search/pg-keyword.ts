import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
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

/** Clips containing at least `required` of the plan's words. */
export function planMatch(plan: KeywordPlan): SQL {
  const any = sql.join(plan.terms.map(termMatch), sql` or `);
  if (plan.required <= 1) return sql`(${any})`;
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
  /** Clips matching each word, within the filters. */
  df: number[];
  /** Clips matching at least k words, index k (index 0: any). */
  atLeast: number[];
  corpus: number;
}

/** Document frequencies and match counts in one pass over the clips matching any word (GIN index). */
export async function planStats(db: Db, filters: SQL, plan: KeywordPlan): Promise<PlanStats> {
  const hits = plan.terms.map((t, i) => sql`${termMatch(t)} as h${sql.raw(String(i))}`);
  const columns = plan.terms.map((_, i) => sql.raw(`h${i}`));
  const rows = await queryRows<Record<string, boolean | number>>(
    db,
    sql`select ${sql.join(columns, sql`, `)}, count(*)::int as n,
        (select coalesce(sum(n), 0)::float8 from clip_counts where scope = 'feed') as corpus
      from (select ${sql.join(hits, sql`, `)} from clips c
        where ${filters} and ${planMatch({ ...plan, required: 1 })}) m
      group by ${sql.join(columns, sql`, `)}`,
  );
  const df = plan.terms.map(() => 0);
  const atLeast = [0, ...plan.terms.map(() => 0)];
  let corpus = 0;
  for (const row of rows) {
    const n = Number(row.n);
    let matched = 0;
    plan.terms.forEach((_, i) => {
      if (row[`h${i}`]) {
        df[i]! += n;
        matched++;
      }
    });
    for (let k = 0; k <= matched; k++) atLeast[k]! += n;
    corpus = Math.max(corpus, Number(row.corpus));
  }
  return { df, atLeast, corpus: Math.max(corpus, atLeast[0]!) };
}

export const idfOf = (stats: PlanStats) => stats.df.map((df) => Math.log(1 + (stats.corpus - df + 0.5) / (df + 0.5)));

/**
 * Exact words first; words found nowhere (within the filters) are matched by trigrams instead (typos); if fewer than
 * ENOUGH_MATCHES clips hold the required number of words, one word is enough. Returns the plan and its counts.
 */
export async function choosePlan(db: Db, filters: SQL, query: QueryTerms, q: string) {
  const exact = query.terms.map((word) => ({ word, fuzzy: false, prefix: word === query.partial && word.length >= 3 }));
  let plan: KeywordPlan = {
    terms: exact,
    required: minimumShouldMatch(exact.length),
    phrase: exact.length > 1 ? q.trim() : undefined,
  };
  let stats = await planStats(db, filters, plan);
  const missing = stats.df.map((df, i) => df === 0 && plan.terms[i]!.word.length >= 4);
  if (missing.some(Boolean)) {
    plan = { ...plan, terms: plan.terms.map((t, i) => (missing[i] ? { ...t, fuzzy: true, prefix: false } : t)) };
    stats = await planStats(db, filters, plan);
  }
  if ((stats.atLeast[plan.required] ?? 0) < ENOUGH_MATCHES) plan = { ...plan, required: 1 };
  return { plan, stats, total: stats.atLeast[plan.required] ?? 0 };
}

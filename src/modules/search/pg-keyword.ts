import { type SQL, sql } from "drizzle-orm";

/**
 * Field weights by tsvector label (0012): A title, B broadcaster, C game and tags, D the clipper's name. Tuned on the
 * independent eval set's tune half (as opensearch-query.ts's): a word a game's name or a tag holds says more about
 * a clip than a title word; titles are long and raw stream titles say nothing.
 */
const FIELD_WEIGHTS = [
  ["A", 1.0],
  ["B", 1.5],
  ["C", 2.5],
  ["D", 0.3],
] as const;
/** A misspelt word counts this much of an exact one, times its trigram word similarity. */
const FUZZY_WEIGHT = 0.6;
/** Added (times the summed idf) when the whole query appears as written in the clip's text. */
const PHRASE_BONUS = 0.5;
/** Up to this many words the minimum-should-match is one tsquery of combinations (at most 20 of them). */
const MAX_COMBO_TERMS = 6;

/** One query word: matched exactly (stems or unaccented words, the last one also as a prefix) or by trigrams. */
export interface Term {
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
  return sql`(to_tsquery('english', ${t.word + suffix}) || to_tsquery('simple', clipper_unaccent(${t.word}) || ${suffix}))`;
}

/**
 * A tsquery as a scalar subquery: PostgreSQL evaluates it once per statement (an InitPlan) instead of parsing it again
 * for every row it tests (to_tsquery is only stable), and the GIN index still serves `@@` on it.
 */
const once = (query: SQL) => sql`(select ${query})`;

export function termMatch(t: Term): SQL {
  return t.fuzzy
    ? sql`(c.search_text %> ${once(sql`clipper_unaccent(${t.word})`)})`
    : sql`(c.search_vector @@ ${once(termQuery(t))})`;
}

/** idf × the weight of the best field holding the word (a misspelt one: × its trigram similarity). */
function termScore(t: Term, idf: number): SQL {
  if (t.fuzzy)
    return sql`${idf * FUZZY_WEIGHT}::float8 * word_similarity(${once(sql`clipper_unaccent(${t.word})`)}, c.search_text)`;
  const [[, top], ...rest] = FIELD_WEIGHTS;
  const fields = rest.map(
    ([label, w]) => sql`when c.search_vector @@ ${once(termQuery(t, label))} then ${idf * w}::float8`,
  );
  return sql`(case when c.search_vector @@ ${once(termQuery(t, "A"))} then ${idf * top}::float8 ${sql.join(fields, sql` `)} else 0 end)`;
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
    return sql`(c.search_vector @@ ${once(sql.join(ands, sql` || `))})`;
  }
  const hits = sql.join(
    plan.terms.map((t) => sql`${termMatch(t)}::int`),
    sql` + `,
  );
  return sql`((${any}) and (${hits}) >= ${plan.required})`;
}

/** BM25-style: Σ idf(word) × field weight of the best field holding it, plus a bonus for the exact phrase. */
export function planScore(plan: KeywordPlan, idf: number[]): SQL {
  // An exact word's score is 0 where no field holds it; a misspelt one's similarity counts only where it matches.
  const parts = plan.terms.map((t, i) =>
    t.fuzzy ? sql`(case when ${termMatch(t)} then ${termScore(t, idf[i]!)} else 0 end)` : termScore(t, idf[i]!),
  );
  if (plan.phrase) {
    const bonus = PHRASE_BONUS * idf.reduce((a, b) => a + b, 0);
    parts.push(
      sql`(case when strpos(c.search_text, ${once(sql`lower(clipper_unaccent(${plan.phrase}))`)}) > 0 then ${bonus}::float8 else 0 end)`,
    );
  }
  return sql.join(parts, sql` + `);
}

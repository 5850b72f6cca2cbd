/**
 * How a search query is cut into words, the same for both engines' keyword legs and for intent detection: NFKC,
 * lower case, runs of letters and digits. Accents stay: each engine folds them the way it folds its documents.
 */
const WORD = /[\p{L}\p{N}]+/gu;
// Han, kana and Hangul, as the documents' clipper_cjk_words (0012) cuts them.
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+/gu;
const MAX_TERMS = 16;

// English function words: the `english` stemmer drops them itself, but the `simple` (any-language) side would match
// them in most titles. Other languages' function words stay; their document frequency ranks them down instead.
const STOPWORDS = new Set(
  "a an and are as at be but by for from has have he her his i in into is it its me my of on or our she so than that the their them then there these they this to was we were what when where which who will with you your".split(
    " ",
  ),
);

export interface QueryTerms {
  /** Distinct words in query order, stopwords left out unless the query is nothing else. */
  terms: string[];
  /** The last word as typed, if the query does not end in a space: it may be an unfinished word (as-you-type). */
  partial?: string;
}

/** A CJK run as its overlapping bigrams (one character alone stays), the text around it as words. */
function cjkWords(word: string): string[] {
  const runs = word.match(CJK);
  if (!runs) return [word];
  const rest = word.replace(CJK, " ").match(WORD) ?? [];
  const bigrams = runs.flatMap((run) => {
    const chars = [...run];
    return chars.length === 1 ? chars : chars.slice(1).map((c, i) => chars[i] + c);
  });
  return [...rest, ...bigrams];
}

export function queryTerms(q: string): QueryTerms {
  const words = [...new Set((q.normalize("NFKC").toLowerCase().match(WORD) ?? []).flatMap(cjkWords))];
  const content = words.filter((w) => !STOPWORDS.has(w));
  const terms = (content.length > 0 ? content : words).slice(0, MAX_TERMS);
  const last = terms.at(-1);
  const partial = last && /[\p{L}\p{N}]$/u.test(q) && q.toLowerCase().endsWith(last) ? last : undefined;
  return { terms, partial };
}

/**
 * Minimum number of the query's words a clip must contain, as OpenSearch's "2<70%": all of one or two words, then
 * 70 % rounded down, so a long query still matches a title that says most of it; ranking puts the clips with more of
 * them first. Engines fall back to one word when this finds too few.
 */
export function minimumShouldMatch(termCount: number): number {
  return termCount <= 2 ? termCount : Math.floor(termCount * 0.7);
}

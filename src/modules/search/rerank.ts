import type { ScoredId } from "./engine";
import { foldText, namedIn, namedLanguage, nameWords, nearlySame, queryPhrases } from "./intent";
import type { Candidate } from "./pg-candidates";
import { queryLanguage } from "./query-language";
import { queryTerms } from "./query-terms";

/**
 * How the fused score weighs each signal. Chosen on the tune half of the independent eval set
 * (test/search-eval/independent, `eval:search --set independent`), never on the held-out half.
 */
export type RankWeights = {
  /** × cosine similarity to the query. */
  similarity: number;
  /**
   * × the keyword leg's reciprocal rank, scaled so its first hit scores 1 ((k + 1) / (k + rank)), times the clip's
   * coverage: a hit that holds one word of five says little about what the query means, whatever its rank.
   */
  lexical: number;
  /** × the share of the query's words found in the clip's fields (field-weighted). */
  coverage: number;
  /** Added when the query names the clip's game, channel, or language. */
  game: number;
  channel: number;
  language: number;
  /** Added to the other clips of the moment a clip whose title is the query comes from (same channel, game, hour). */
  moment: number;
  /** × similarity to the query moved towards its first results' vectors (pseudo-relevance feedback, hybrid.ts). */
  feedback: number;
  /** Added when the clip is in the language the query is written in (query-language.ts), other than English. */
  written: number;
  /** × similarity to the mean vector of the query's nearest tag (its topic, pg-topics.ts). */
  topic: number;
};

export const RANK_WEIGHTS: RankWeights = {
  similarity: 1,
  lexical: 0.45,
  coverage: 0.075,
  game: 0.675,
  channel: 0.45,
  language: 0.15,
  moment: 0.4,
  feedback: 0.5,
  written: 0.1,
  topic: 0.45,
};

/** A candidate's signals, computed once; `rank` weighs them (the eval replays weights over these). */
export interface Features {
  id: string;
  similarity: number;
  lexical: number;
  coverage: number;
  game: boolean;
  channel: boolean;
  language: boolean;
  moment: boolean;
  feedback: number;
  written: boolean;
  topic: number;
}

const FIELD_WEIGHTS = { title: 1, broadcaster: 0.8, game: 0.6, tags: 0.6 } as const;
/** Clips of one moment were clipped within this long of each other. */
export const MOMENT_MS = 3 * 3_600_000;

/** Same word, one a stem of the other ("clutch"/"clutches", "remonta"/"remontada"), or one slip apart. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const short = a.length <= b.length ? a : b;
  return (short.length >= 4 && (a.startsWith(b) || b.startsWith(a))) || nearlySame(a, b);
}

/** The words of a clip's fields as coverage matches query words against them (the eval's keyword bound too). */
export function fieldWords(c: Pick<Candidate, "title" | "broadcasterName" | "gameName" | "tags">) {
  const handle = nameWords(c.broadcasterName);
  return {
    title: queryTerms(foldText(c.title)).terms,
    broadcaster: [...handle, handle.join("")],
    game: nameWords(c.gameName ?? ""),
    tags: foldText(c.tags).split(" "),
  };
}

function coverage(terms: string[], c: Candidate): number {
  if (terms.length === 0) return 0;
  const fields = Object.entries(fieldWords(c)) as [keyof typeof FIELD_WEIGHTS, string[]][];
  let sum = 0;
  for (const term of terms) {
    let best = 0;
    for (const [field, words] of fields) {
      const weight = FIELD_WEIGHTS[field];
      if (weight > best && words.some((w) => sameWord(term, w))) best = weight;
    }
    sum += best;
  }
  return sum / terms.length;
}

/** The candidates whose title is the query (case, punctuation and accents aside). */
export const titledAs = (q: string, candidates: Candidate[]) =>
  candidates.filter((c) => foldText(c.title) === foldText(q));

/** namedIn over one query's phrases, once per distinct name (candidates share games and channels). */
function namer(q: string) {
  const phrases = queryPhrases(q);
  const memo = new Map<string, boolean>();
  return (name: string | null | undefined) => {
    if (!name) return false;
    let named = memo.get(name);
    if (named === undefined) {
      named = namedIn(phrases, name);
      memo.set(name, named);
    }
    return named;
  };
}

/**
 * `concept`: similarities to the query without the names it names (hybrid.ts); where given they replace the whole
 * query's, so "killstreak hunt showdown" ranks the game's clips by "killstreak".
 */
export function candidateFeatures(
  q: string,
  candidates: Candidate[],
  lexicalRank: Map<string, number>,
  k: number,
  concept?: Map<string, number>,
  feedback?: Map<string, number>,
  topic?: Map<string, number>,
) {
  const terms = queryTerms(foldText(q)).terms;
  const named = namer(q);
  const language = namedLanguage(queryPhrases(q));
  const writtenIn = queryLanguage(q);
  const titled = titledAs(q, candidates);
  const sameMoment = (c: Candidate) =>
    titled.some(
      (t) =>
        t.id !== c.id &&
        t.broadcasterId === c.broadcasterId &&
        t.gameId === c.gameId &&
        Math.abs(t.createdAt - c.createdAt) <= MOMENT_MS,
    );
  return candidates.map((c): Features => {
    const covered = coverage(terms, c);
    return {
      id: c.id,
      similarity: concept?.get(c.id) ?? c.similarity ?? 0,
      lexical: lexicalRank.has(c.id) ? (covered * (k + 1)) / (k + lexicalRank.get(c.id)! + 1) : 0,
      coverage: covered,
      game: named(c.gameName),
      channel: named(c.broadcasterName),
      language: language !== undefined && c.language?.toLowerCase() === language,
      moment: sameMoment(c),
      feedback: feedback?.get(c.id) ?? 0,
      written: writtenIn !== undefined && c.language?.toLowerCase() === writtenIn,
      topic: topic?.get(c.id) ?? 0,
    };
  });
}

export function rank(features: Features[], w: RankWeights = RANK_WEIGHTS): ScoredId[] {
  return features
    .map((f) => ({
      id: f.id,
      score:
        w.similarity * f.similarity +
        w.lexical * f.lexical +
        w.coverage * f.coverage +
        (f.game ? w.game : 0) +
        (f.channel ? w.channel : 0) +
        (f.language ? w.language : 0) +
        (f.moment ? w.moment : 0) +
        w.feedback * f.feedback +
        (f.written ? w.written : 0) +
        w.topic * f.topic,
    }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

/** The games and channels the query names among these candidates: the intent the second vector pass filters on. */
export function namedEntities(q: string, candidates: Candidate[]) {
  const named = namer(q);
  const games = new Map<string, string>();
  const channels = new Map<string, string>();
  for (const c of candidates) {
    if (c.gameId && named(c.gameName)) games.set(c.gameId, c.gameName!);
    if (c.broadcasterId && named(c.broadcasterName)) channels.set(c.broadcasterId, c.broadcasterName);
  }
  return { games, channels };
}

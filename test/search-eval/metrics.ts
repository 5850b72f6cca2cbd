/** Graded judgments for one query: clip key → relevance 1–3 (unlisted keys are 0). */
export type Judgments = Record<string, number>;

/** A judged result counts as relevant for MRR and recall from this grade up (1 = same topic, other game/streamer). */
export const RELEVANT_FROM = 2;

export const gain = (rel: number) => 2 ** rel - 1;
export const discount = (index: number) => Math.log2(index + 2);

/** DCG@k of grades in ranked order. */
export function dcg(rels: number[], k: number): number {
  return rels.slice(0, k).reduce((sum, rel, i) => sum + gain(rel) / discount(i), 0);
}

/** nDCG@k with gain 2^rel − 1 and a log2(rank + 1) discount; the ideal ranking is every judged clip by grade. */
export function ndcgAt(ranked: string[], judgments: Judgments, k: number): number {
  const ideal = dcg(
    Object.values(judgments).sort((a, b) => b - a),
    k,
  );
  if (ideal === 0) return 0;
  return (
    dcg(
      ranked.map((key) => judgments[key] ?? 0),
      k,
    ) / ideal
  );
}

/** 1 / rank of the first relevant result within the top k, else 0. */
export function mrrAt(ranked: string[], judgments: Judgments, k: number): number {
  const index = ranked.slice(0, k).findIndex((key) => (judgments[key] ?? 0) >= RELEVANT_FROM);
  return index < 0 ? 0 : 1 / (index + 1);
}

/** Share of the relevant clips found within the top k (1 when the query has none). */
export function recallAt(ranked: string[], judgments: Judgments, k: number): number {
  const relevant = Object.keys(judgments).filter((key) => judgments[key]! >= RELEVANT_FROM);
  if (relevant.length === 0) return 1;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((key) => top.has(key)).length / relevant.length;
}

export interface QueryScores {
  ndcg10: number;
  mrr10: number;
  recall50: number;
}

export function scoreRanking(ranked: string[], judgments: Judgments): QueryScores {
  return {
    ndcg10: ndcgAt(ranked, judgments, 10),
    mrr10: mrrAt(ranked, judgments, 10),
    recall50: recallAt(ranked, judgments, 50),
  };
}

export function meanScores(scores: QueryScores[]): QueryScores {
  const mean = (pick: (s: QueryScores) => number) => scores.reduce((sum, s) => sum + pick(s), 0) / (scores.length || 1);
  return { ndcg10: mean((s) => s.ndcg10), mrr10: mean((s) => s.mrr10), recall50: mean((s) => s.recall50) };
}

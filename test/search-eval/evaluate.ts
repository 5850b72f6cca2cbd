import type { Deps } from "../../src/deps";
import type { ClipSearchParams, ScoredId } from "../../src/modules/search/engine";
import { fusionFeatures } from "../../src/modules/search/fusion";
import { searchClipsHybrid } from "../../src/modules/search/hybrid";
import { searchClipsByVector } from "../../src/modules/search/pg-vector";
import { type Features, type RankWeights, rank } from "../../src/modules/search/rerank";
import { clipVectorModel } from "../../src/platform/embeddings/clip-vectors";
import { embedQuery } from "../../src/platform/embeddings/query-cache";
import type { EvalQuery } from "./corpus";
import { meanScores, type QueryScores, scoreRanking } from "./metrics";

/** Deepest candidate lists fetched once per query, so the grid can replay any depth / floor without the engine. */
const MAX_DEPTH = 200;
const CUT = 50;

/** One query's raw legs: the engine's lexical ranking, the unfloored vector ranking, and the fusion's features. */
export interface Legs {
  query: EvalQuery;
  lexical: string[];
  vector: ScoredId[];
  features: Features[];
}

const params = (q: string, limit: number): ClipSearchParams => ({
  q,
  filters: {},
  sort: "relevance",
  page: { offset: 0, limit },
  facets: false,
});

export async function fetchLegs(deps: Deps, queries: EvalQuery[]): Promise<Legs[]> {
  const { bm25Depth, vectorDepth, vectorMinSimilarity } = deps.config.hybridSearch;
  const legs: Legs[] = [];
  for (const query of queries) {
    const lexical = (await deps.search.searchClips(params(query.q, MAX_DEPTH))).hits.map((h) => h.id);
    const vector = await embedQuery(deps.cache, deps.embeddings, query.q);
    const semantic = await searchClipsByVector(deps.readDb, {
      vector,
      model: clipVectorModel(deps.embeddings),
      filters: {},
      limit: MAX_DEPTH,
      minSimilarity: -1,
    });
    const hits = semantic.slice(0, vectorDepth).filter((h) => h.score >= vectorMinSimilarity);
    const features = await fusionFeatures(deps, params(query.q, CUT), lexical.slice(0, bm25Depth), { vector, hits });
    legs.push({ query, lexical, vector: semantic, features });
  }
  return legs;
}

/** The vector leg as hybrid.ts runs it: the top `vectorDepth` neighbours at or above the floor. */
export const vectorLeg = (deps: Deps, legs: Legs) => {
  const { vectorDepth, vectorMinSimilarity } = deps.config.hybridSearch;
  return legs.vector
    .slice(0, vectorDepth)
    .filter((h) => h.score >= vectorMinSimilarity)
    .map((h) => h.id);
};

export type Mode = "bm25" | "vector" | "hybrid";

export interface ModeRun {
  mode: Mode;
  /** Over the judged queries only. */
  mean: QueryScores;
  /** Mean number of results in the top 10 of the off-topic queries (nothing in the corpus is relevant to them). */
  noise: number;
  /** Judged queries for which the mode returned nothing at all. */
  empty: number;
  perQuery: { query: EvalQuery; scores: QueryScores }[];
}

const judged = (l: Legs) => Object.keys(l.query.judgments).length > 0;

/** Scores `rank` (clip ids, or corpus keys) over the judged queries, and its noise over the off-topic ones. */
export function scoreMode(mode: Mode, legs: Legs[], keyOf: Map<string, string>, rank: (l: Legs) => string[]): ModeRun {
  const answered = legs.filter(judged);
  const perQuery = answered.map((l) => ({
    query: l.query,
    scores: scoreRanking(
      rank(l)
        .slice(0, CUT)
        .map((id) => keyOf.get(id) ?? id),
      l.query.judgments,
    ),
  }));
  const offTopic = legs.filter((l) => !judged(l));
  const noise = offTopic.reduce((n, l) => n + Math.min(10, rank(l).length), 0) / (offTopic.length || 1);
  const empty = answered.filter((l) => rank(l).length === 0).length;
  return { mode, mean: meanScores(perQuery.map((p) => p.scores)), noise, empty, perQuery };
}

/**
 * The three modes through the code users hit: the keyword engine alone (SEARCH_HYBRID=false), the vector leg alone,
 * and searchClipsHybrid itself with `weights`.
 */
export async function evaluateModes(
  deps: Deps,
  legs: Legs[],
  keyOf: Map<string, string>,
  weights: RankWeights,
): Promise<ModeRun[]> {
  const hybrid = new Map<string, string[]>();
  for (const l of legs) {
    const result = await searchClipsHybrid(deps, params(l.query.q, CUT), weights);
    if (result.degraded) throw new Error(`vector leg failed for ${l.query.id}`);
    hybrid.set(
      l.query.id,
      result.hits.map((h) => h.id),
    );
  }
  return [
    scoreMode("bm25", legs, keyOf, (l) => l.lexical),
    scoreMode("vector", legs, keyOf, (l) => vectorLeg(deps, l)),
    scoreMode("hybrid", legs, keyOf, (l) => hybrid.get(l.query.id)!),
  ];
}

/** Hybrid scores for `weights`, replayed from the fetched features with hybrid.ts's own ranking. */
export function replayHybrid(legs: Legs[], keyOf: Map<string, string>, weights: RankWeights): ModeRun {
  const ranked = (l: Legs) => {
    const head = rank(l.features, weights).map((h) => h.id);
    const inHead = new Set(head);
    return [...head, ...l.lexical.filter((id) => !inHead.has(id))];
  };
  return scoreMode("hybrid", legs, keyOf, ranked);
}

const FACTORS = [0, 0.25, 0.5, 1, 1.5, 2, 3];

/**
 * Coordinate ascent from `start`: each weight in turn tried at FACTORS × its current value (or at FACTORS alone from
 * 0), kept when `score` improves; three rounds. Returns every point tried with its score.
 */
export function ascend<S extends Record<string, number>>(start: S, score: (s: S) => number) {
  const tried: { settings: S; value: number }[] = [];
  let best = { settings: start, value: score(start) };
  tried.push(best);
  for (let round = 0; round < 3; round++) {
    for (const key of Object.keys(start) as (keyof S & string)[]) {
      const base = best.settings[key] as number;
      for (const factor of FACTORS) {
        const value = Number((base === 0 ? factor * 0.1 : base * factor).toFixed(4));
        if (value === base) continue;
        const settings = { ...best.settings, [key]: value };
        const point = { settings, value: score(settings) };
        tried.push(point);
        if (point.value > best.value + 1e-9) best = point;
      }
    }
  }
  return { best: best.settings, tried };
}

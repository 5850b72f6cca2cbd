import type { Deps } from "../../src/deps";
import type { ClipSearchParams, ScoredId } from "../../src/modules/search/engine";
import { searchClipsHybrid } from "../../src/modules/search/hybrid";
import { searchClipsByVector } from "../../src/modules/search/pg-vector";
import { clipVectorModel } from "../../src/platform/embeddings/clip-vectors";
import { embedQuery } from "../../src/platform/embeddings/query-cache";
import type { EvalQuery } from "./corpus";
import { meanScores, type QueryScores, scoreRanking } from "./metrics";

/** The hybrid settings the grid varies (config.hybridSearch). */
export interface HybridSettings {
  rrfK: number;
  bm25Depth: number;
  vectorDepth: number;
  vectorMinSimilarity: number;
}

/** Deepest candidate lists fetched once per query, so the grid can replay any depth / floor without the engine. */
const MAX_DEPTH = 200;
const CUT = 50;

/** One query's raw legs: the engine's lexical ranking and the unfloored vector ranking (clip ids). */
interface Legs {
  query: EvalQuery;
  lexical: string[];
  vector: ScoredId[];
}

const params = (q: string, limit: number): ClipSearchParams => ({
  q,
  filters: {},
  sort: "relevance",
  page: { offset: 0, limit },
  facets: false,
});

export async function fetchLegs(deps: Deps, queries: EvalQuery[]): Promise<Legs[]> {
  const legs: Legs[] = [];
  for (const query of queries) {
    const lexical = await deps.search.searchClips(params(query.q, MAX_DEPTH));
    const vector = await embedQuery(deps.cache, deps.embeddings, query.q);
    const semantic = await searchClipsByVector(deps.readDb, {
      vector,
      model: clipVectorModel(deps.embeddings),
      filters: {},
      limit: MAX_DEPTH,
      minSimilarity: -1,
    });
    legs.push({ query, lexical: lexical.hits.map((h) => h.id), vector: semantic });
  }
  return legs;
}

/** The vector leg as hybrid.ts runs it: the top `vectorDepth` neighbours at or above the floor. */
const vectorLeg = (legs: Legs, s: HybridSettings) =>
  legs.vector
    .slice(0, s.vectorDepth)
    .filter((h) => h.score >= s.vectorMinSimilarity)
    .map((h) => h.id);

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

function run(mode: Mode, legs: Legs[], keyOf: Map<string, string>, rank: (l: Legs) => string[]): ModeRun {
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
 * and searchClipsHybrid itself with `settings` in deps.config.
 */
export async function evaluateModes(
  deps: Deps,
  legs: Legs[],
  keyOf: Map<string, string>,
  settings: HybridSettings,
): Promise<ModeRun[]> {
  const tuned: Deps = {
    ...deps,
    config: { ...deps.config, hybridSearch: { ...deps.config.hybridSearch, ...settings } },
  };
  const hybrid = new Map<string, string[]>();
  for (const l of legs) {
    const result = await searchClipsHybrid(tuned, params(l.query.q, CUT));
    if (result.degraded) throw new Error(`vector leg failed for ${l.query.id}`);
    hybrid.set(
      l.query.id,
      result.hits.map((h) => h.id),
    );
  }
  return [
    run("bm25", legs, keyOf, (l) => l.lexical),
    run("vector", legs, keyOf, (l) => vectorLeg(l, settings)),
    run("hybrid", legs, keyOf, (l) => hybrid.get(l.query.id)!),
  ];
}

/** Hybrid scores for `settings`, replayed from the fetched legs with hybrid.ts's own fusion. */
export function replayHybrid(
  fuse: (lexical: string[], semantic: string[], k: number, depth: number) => ScoredId[],
  legs: Legs[],
  keyOf: Map<string, string>,
  s: HybridSettings,
): ModeRun {
  const ranked = (l: Legs) =>
    fuse(l.lexical.slice(0, s.bm25Depth), vectorLeg(l, s), s.rrfK, s.bm25Depth).map((h) => h.id);
  return run("hybrid", legs, keyOf, ranked);
}

export function grid(floors: number[]): HybridSettings[] {
  const out: HybridSettings[] = [];
  for (const rrfK of [5, 10, 20, 30, 60, 100])
    for (const bm25Depth of [20, 50, 100, 200])
      for (const vectorDepth of [10, 20, 50, 100, 200])
        for (const vectorMinSimilarity of floors) out.push({ rrfK, bm25Depth, vectorDepth, vectorMinSimilarity });
  return out;
}

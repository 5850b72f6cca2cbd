import type { Deps } from "../../deps";
import { clipVectorModel } from "../../platform/embeddings/clip-vectors";
import { embedQuery } from "../../platform/embeddings/query-cache";
import type { ClipFilters, ClipSearchParams, ClipSearchResult, ScoredId } from "./engine";
import { residualQuery } from "./intent";
import { type Candidate, centroid, loadCandidates, similarities } from "./pg-candidates";
import { candidateFeatures, type Features, namedEntities, RANK_WEIGHTS, type RankWeights, rank } from "./rerank";

/** Deepest lexical list fetched for a deep page (the schema caps offset at 10 000, limit at 100). */
const MAX_LEXICAL_FETCH = 12_000;
/** Nearest neighbours fetched within each game or channel the query names. */
const INTENT_DEPTH = 30;
/** More named games or channels than this is not an intent but a broad query: no filtered passes. */
const MAX_INTENTS = 4;

export interface HybridClipResult extends ClipSearchResult {
  /** The vector leg failed or timed out; the hits are the lexical ones alone. */
  degraded: boolean;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`vector leg timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const vectorSearch = (deps: Deps, vector: number[], filters: ClipFilters, limit: number) =>
  deps.search.searchClipsByVector({
    vector,
    model: clipVectorModel(deps.embeddings),
    filters,
    limit,
    minSimilarity: deps.config.hybridSearch.vectorMinSimilarity,
  });

async function vectorLeg(deps: Deps, params: ClipSearchParams) {
  const vector = await embedQuery(deps.cache, deps.embeddings, params.q);
  return { vector, hits: await vectorSearch(deps, vector, params.filters, deps.config.hybridSearch.vectorDepth) };
}

/** First results whose vectors make the feedback direction, and how far the query moves towards it. */
const FEEDBACK_DOCS = 5;
const FEEDBACK_BETA = 1;

const unit = (v: number[]) => {
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
};

/**
 * The nearest neighbours within each game or channel the query names, to the rest of the query ("killstreak" of
 * "killstreak hunt showdown"); that residual then ranks every candidate. None when the query names none, or so many
 * that it is not naming but a broad query.
 */
async function intentPass(deps: Deps, params: ClipSearchParams, candidates: Candidate[], vector: number[]) {
  const { games, channels } = namedEntities(params.q, candidates);
  const passes = [
    ...(params.filters.gameId ? [] : [...games.keys()].map((gameId) => ({ ...params.filters, gameId }))),
    ...(params.filters.broadcasterId
      ? []
      : [...channels.keys()].map((broadcasterId) => ({ ...params.filters, broadcasterId }))),
  ];
  if (passes.length === 0 || passes.length > MAX_INTENTS) return undefined;
  const residual = residualQuery(params.q, [...games.values(), ...channels.values()]);
  const concept = residual ? await embedQuery(deps.cache, deps.embeddings, residual) : vector;
  const found = await Promise.all(passes.map((f) => vectorSearch(deps, concept, f, INTENT_DEPTH)));
  return { hits: found.flat(), concept: residual ? concept : undefined };
}

/** Adds the candidates among `hits` not loaded yet, those at least `floor` similar to the query (`vector`). */
async function addCandidates(deps: Deps, candidates: Candidate[], hits: ScoredId[], vector: number[], floor = -1) {
  const known = new Set(candidates.map((c) => c.id));
  const extra = [...new Set(hits.map((h) => h.id))].filter((id) => !known.has(id));
  const loaded = await loadCandidates(deps.readDb, extra, vector, clipVectorModel(deps.embeddings));
  candidates.push(...loaded.filter((c) => (c.similarity ?? -1) >= floor));
}

/**
 * The fused head's signals: every candidate of both legs; the intent pass's (above); then pseudo-relevance
 * feedback — the query vector moved towards the mean vector of the first FEEDBACK_DOCS results, its neighbours added
 * and every candidate's similarity to it a signal — since an event is clipped many times, in many words.
 * Exported for the relevance eval, which replays weights over them.
 */
export async function fusionFeatures(
  deps: Deps,
  params: ClipSearchParams,
  lexical: string[],
  semantic: { vector: number[]; hits: ScoredId[] },
): Promise<Features[]> {
  const model = clipVectorModel(deps.embeddings);
  const ids = [...new Set([...lexical, ...semantic.hits.map((h) => h.id)])];
  const candidates = await loadCandidates(deps.readDb, ids, semantic.vector, model);
  const intent = await intentPass(deps, params, candidates, semantic.vector);
  if (intent) await addCandidates(deps, candidates, intent.hits, semantic.vector);
  const allIds = () => candidates.map((c) => c.id);
  const concept = intent?.concept ? await similarities(deps.readDb, allIds(), intent.concept, model) : undefined;
  const lexicalRank = new Map(lexical.map((id, i) => [id, i]));
  const k = deps.config.hybridSearch.rrfK;
  const first = candidateFeatures(params.q, candidates, lexicalRank, k, concept);

  const top = rank(first).slice(0, FEEDBACK_DOCS);
  const direction = await centroid(
    deps.readDb,
    top.map((h) => h.id),
    model,
  );
  if (!direction) return first;
  const base = intent?.concept ?? semantic.vector;
  const moved = unit(base.map((v, i) => v + FEEDBACK_BETA * direction[i]!));
  const nearMoved = await vectorSearch(deps, moved, params.filters, deps.config.hybridSearch.vectorDepth);
  // The similarity floor still holds against the query itself: feedback reaches further, never further off-topic.
  await addCandidates(deps, candidates, nearMoved, semantic.vector, deps.config.hybridSearch.vectorMinSimilarity);
  const feedback = await similarities(deps.readDb, allIds(), moved, model);
  if (concept && intent?.concept) {
    const added = allIds().filter((id) => !concept.has(id));
    for (const [id, s] of await similarities(deps.readDb, added, intent.concept, model)) concept.set(id, s);
  }
  return candidateFeatures(params.q, candidates, lexicalRank, k, concept, feedback);
}

/**
 * Relevance-sorted clip search: the engine's keyword ranking (PostgreSQL or OpenSearch) and the pgvector neighbours
 * re-ranked together on shared signals (rerank.ts): similarity, keyword rank, the share of the query's words each
 * clip holds, and whether the query names its game, channel or language. The same code ranks for both engines.
 * Keyword hits past the fused window follow in keyword order, so pages never overlap or skip. Recent/popular sorts,
 * or SEARCH_HYBRID=false, are the engine's alone. If the vector leg fails or is slow the keyword page is returned
 * and `degraded` set.
 *
 * `total` = keyword total + vector hits absent from the fetched keyword list: exact whenever the keyword list was
 * fetched whole, otherwise an upper bound. Facets describe the keyword matches.
 */
export async function searchClipsHybrid(
  deps: Deps,
  params: ClipSearchParams,
  weights: RankWeights = RANK_WEIGHTS,
): Promise<HybridClipResult> {
  const config = deps.config.hybridSearch;
  if (!config.enabled || params.sort !== "relevance") {
    return { ...(await deps.search.searchClips(params)), degraded: false };
  }
  const { offset, limit } = params.page;
  const end = offset + limit;
  // A page past the fused window also needs the keyword hits that vector-only candidates pushed down.
  const lexicalFetch =
    end <= config.bm25Depth ? config.bm25Depth : Math.min(end + config.vectorDepth, MAX_LEXICAL_FETCH);

  const [lexical, semantic] = await Promise.all([
    deps.search.searchClips({ ...params, page: { offset: 0, limit: lexicalFetch } }),
    withTimeout(vectorLeg(deps, params), config.vectorTimeoutMs).catch((err) => {
      deps.logger.warn({ err }, "vector search failed; lexical results only");
      return undefined;
    }),
  ]);
  if (!semantic) return { ...lexical, hits: lexical.hits.slice(offset, end), degraded: true };

  const lexicalIds = lexical.hits.map((h) => h.id);
  const head = rank(await fusionFeatures(deps, params, lexicalIds.slice(0, config.bm25Depth), semantic), weights);
  const inHead = new Set(head.map((h) => h.id));
  const tail = lexical.hits.filter((h) => !inHead.has(h.id));
  const known = new Set(lexicalIds);
  const semanticOnly = head.filter((h) => !known.has(h.id)).length;
  return {
    ...lexical,
    hits: [...head, ...tail].slice(offset, end),
    total: lexical.total + semanticOnly,
    degraded: false,
  };
}

import type { Deps } from "../../deps";
import { clipVectorModel } from "../../platform/embeddings/clip-vectors";
import { embedQuery } from "../../platform/embeddings/query-cache";
import type { ClipFilters, ClipSearchParams, ScoredId } from "./engine";
import { namedGameIds } from "./game-names";
import { foldText, handleSpellings, residualQuery } from "./intent";
import { type Candidate, centroid, loadCandidates, momentClips, namedClips, similarities } from "./pg-candidates";
import { queryTerms } from "./query-terms";
import { candidateFeatures, type Features, MOMENT_MS, namedEntities, rank, titledAs } from "./rerank";

/** Nearest neighbours fetched within each game or channel the query names. */
const INTENT_DEPTH = 30;
/** More named games or channels than this is not an intent but a broad query: no filtered passes. */
const MAX_INTENTS = 4;

export const vectorSearch = (deps: Deps, vector: number[], filters: ClipFilters, limit: number) =>
  deps.search.searchClipsByVector({
    vector,
    model: clipVectorModel(deps.embeddings),
    filters,
    limit,
    minSimilarity: deps.config.hybridSearch.vectorMinSimilarity,
  });

/** A title this many words long is specific enough to be one moment's: its clip's neighbours in time join it. */
const MOMENT_TITLE_WORDS = 3;

/** First results whose vectors make the feedback direction, and how far the query moves towards it. */
const FEEDBACK_DOCS = 5;
const FEEDBACK_BETA = 1;

/** One vector's similarities out of `similarities`' rows. */
const column = (rows: Map<string, number[]>, i: number) => new Map([...rows].map(([id, s]) => [id, s[i]!]));

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
 * The fused head's signals: every candidate of both legs, a few clips of each channel or game the query names, the
 * other clips of the moment a clip titled as the query comes from; the intent pass's (above); then pseudo-relevance
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
  const [candidates, named] = await Promise.all([
    loadCandidates(deps.readDb, ids, semantic.vector, model),
    namedGameIds(deps.readDb, params.q).then((games) =>
      namedClips(deps.readDb, handleSpellings(params.q), games, params.filters),
    ),
  ]);
  const titled =
    queryTerms(foldText(params.q)).terms.length >= MOMENT_TITLE_WORDS ? titledAs(params.q, candidates) : [];
  const moment = await momentClips(deps.readDb, titled, MOMENT_MS, params.filters);
  // One read for both: the named clips and the moment's.
  const extra = [...named, ...moment].map((id) => ({ id, score: 0 }));
  await addCandidates(deps, candidates, extra, semantic.vector);
  const intent = await intentPass(deps, params, candidates, semantic.vector);
  if (intent) await addCandidates(deps, candidates, intent.hits, semantic.vector);
  const allIds = () => candidates.map((c) => c.id);
  const residual = intent?.concept ? [intent.concept] : [];
  const concept = residual.length ? column(await similarities(deps.readDb, allIds(), residual, model), 0) : undefined;
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
  // One read for both: the moved query's similarities, and the residual's for every candidate now known.
  const both = await similarities(deps.readDb, allIds(), [moved, ...residual], model);
  const conceptAll = residual.length ? column(both, 1) : undefined;
  return candidateFeatures(params.q, candidates, lexicalRank, k, conceptAll, column(both, 0));
}

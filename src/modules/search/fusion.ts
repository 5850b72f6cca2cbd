import type { Deps } from "../../deps";
import { clipVectorModel } from "../../platform/embeddings/clip-vectors";
import { embedQuery } from "../../platform/embeddings/query-cache";
import type { ClipFilters, ClipSearchParams, ScoredId } from "./engine";
import { namedGameIds } from "./game-names";
import { foldText, handleSpellings, residualQuery } from "./intent";
import { type Candidate, centroid, loadCandidates, momentClips, namedClips, similarities } from "./pg-candidates";
import { nearestTopic } from "./pg-topics";
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

/** Clips fetched nearest the mean vector of the query's topic. */
const TOPIC_DEPTH = 30;

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

/** `vector` moved towards the mean vector of the clips `top`, and its nearest neighbours (pseudo-relevance feedback). */
async function feedbackPass(deps: Deps, vector: number[], top: string[], filters: ClipFilters) {
  const direction = await centroid(deps.readDb, top, clipVectorModel(deps.embeddings));
  if (!direction) return undefined;
  const moved = unit(vector.map((v, i) => v + FEEDBACK_BETA * direction[i]!));
  return { vector: moved, hits: await vectorSearch(deps, moved, filters, deps.config.hybridSearch.vectorDepth) };
}

/**
 * The clips nearest the query's topic (pg-topics.ts): an event is clipped in many words and languages, and the mean
 * of a tag's clips is nearer a description of it than most of those clips are. No floor against the query: a
 * paraphrase shares no word with them and is often further than the floor from each (the topic weight ranks them).
 */
async function topicPass(deps: Deps, vector: number[], filters: ClipFilters) {
  const topic = await nearestTopic(deps.readDb, vector, clipVectorModel(deps.embeddings));
  if (!topic) return undefined;
  return { vector: topic, hits: await vectorSearch(deps, topic, filters, TOPIC_DEPTH) };
}

/** Adds the candidates among `hits` not loaded yet that `keep` keeps (similarity is to the query, `vector`). */
async function addCandidates(
  deps: Deps,
  candidates: Candidate[],
  hits: ScoredId[],
  vector: number[],
  keep: (c: Candidate) => boolean = () => true,
) {
  const known = new Set(candidates.map((c) => c.id));
  const extra = [...new Set(hits.map((h) => h.id))].filter((id) => !known.has(id));
  const loaded = await loadCandidates(deps.readDb, extra, vector, clipVectorModel(deps.embeddings));
  candidates.push(...loaded.filter(keep));
}

/**
 * The fused head's signals: every candidate of both legs, a few clips of each channel or game the query names, the
 * other clips of the moment a clip titled as the query comes from; the intent pass's (above); then pseudo-relevance
 * feedback — the query vector moved towards the mean vector of the first FEEDBACK_DOCS results, its neighbours added
 * and every candidate's similarity to it a signal — since an event is clipped many times, in many words; and the
 * query's topic, the same way (topicPass). Exported for the relevance eval, which replays weights over them.
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
  const concept = intent?.concept
    ? column(await similarities(deps.readDb, allIds(), [intent.concept], model), 0)
    : undefined;
  const lexicalRank = new Map(lexical.map((id, i) => [id, i]));
  const k = deps.config.hybridSearch.rrfK;
  const first = candidateFeatures(params.q, candidates, lexicalRank, k, concept);

  // Found by neither words nor meaning: the query is about nothing here, its nearest topic included.
  if (first.length === 0) return first;
  const top = rank(first)
    .slice(0, FEEDBACK_DOCS)
    .map((h) => h.id);
  const base = intent?.concept ?? semantic.vector;
  const [feedback, topic] = await Promise.all([
    feedbackPass(deps, base, top, params.filters),
    topicPass(deps, base, params.filters),
  ]);
  if (!feedback && !topic) return first;
  const onTopic = new Set(topic?.hits.map((h) => h.id));
  const floor = deps.config.hybridSearch.vectorMinSimilarity;
  // The similarity floor still holds against the query for feedback: it reaches further, never further off-topic.
  await addCandidates(
    deps,
    candidates,
    [...(feedback?.hits ?? []), ...(topic?.hits ?? [])],
    semantic.vector,
    (c) => onTopic.has(c.id) || (c.similarity ?? -1) >= floor,
  );
  // One read for all: the moved query's similarities, the topic's and the residual's, for every candidate now known.
  const vectors = Object.entries({ moved: feedback?.vector, topic: topic?.vector, residual: intent?.concept }).filter(
    (e): e is [string, number[]] => e[1] !== undefined,
  );
  const rows = await similarities(
    deps.readDb,
    allIds(),
    vectors.map(([, v]) => v),
    model,
  );
  const of = (name: string) => {
    const i = vectors.findIndex(([n]) => n === name);
    return i < 0 ? undefined : column(rows, i);
  };
  return candidateFeatures(params.q, candidates, lexicalRank, k, of("residual"), of("moved"), of("topic"));
}

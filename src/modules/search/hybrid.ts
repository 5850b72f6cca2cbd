import type { Deps } from "../../deps";
import { embedQuery } from "../../platform/embeddings/query-cache";
import type { ClipSearchParams, ClipSearchResult } from "./engine";
import { fusionFeatures, vectorSearch } from "./fusion";
import { RANK_WEIGHTS, type RankWeights, rank } from "./rerank";

/** Deepest lexical list fetched for a deep page (the schema caps offset at 10 000, limit at 100). */
const MAX_LEXICAL_FETCH = 12_000;

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

async function vectorLeg(deps: Deps, params: ClipSearchParams) {
  const vector = await embedQuery(deps.cache, deps.embeddings, params.q);
  return { vector, hits: await vectorSearch(deps, vector, params.filters, deps.config.hybridSearch.vectorDepth) };
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

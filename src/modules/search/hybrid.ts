import type { Deps } from "../../deps";
import { clipVectorModel } from "../../platform/embeddings/clip-vectors";
import { embedQuery } from "../../platform/embeddings/query-cache";
import type { ClipSearchParams, ClipSearchResult, ScoredId } from "./engine";

/** Deepest lexical list fetched for a deep page (the schema caps offset at 10 000, limit at 100). */
const MAX_LEXICAL_FETCH = 12_000;

export interface HybridClipResult extends ClipSearchResult {
  /** The vector leg failed or timed out; the hits are the lexical ones alone. */
  degraded: boolean;
}

/**
 * Reciprocal rank fusion: score = Σ 1/(k + rank) over the lexical top `lexicalDepth` and the vector list. Lexical
 * hits past that depth follow in lexical order (minus any already fused), so the order of the whole list does not
 * depend on which page asked for it: pages never overlap or skip. Clips without a vector keep their lexical rank.
 */
export function fuseRrf(lexical: string[], semantic: string[], k: number, lexicalDepth: number): ScoredId[] {
  const fused = new Map<string, { score: number; lexicalRank: number; semanticRank: number }>();
  const entry = (id: string) => {
    const e = fused.get(id) ?? { score: 0, lexicalRank: Infinity, semanticRank: Infinity };
    fused.set(id, e);
    return e;
  };
  lexical.slice(0, lexicalDepth).forEach((id, i) => {
    const e = entry(id);
    e.score += 1 / (k + i + 1);
    e.lexicalRank = i;
  });
  semantic.forEach((id, i) => {
    const e = entry(id);
    e.score += 1 / (k + i + 1);
    e.semanticRank = i;
  });
  const head = [...fused]
    .sort(([, a], [, b]) => b.score - a.score || a.lexicalRank - b.lexicalRank || a.semanticRank - b.semanticRank)
    .map(([id, e]) => ({ id, score: e.score }));
  const tail = lexical.flatMap((id, i) => (i < lexicalDepth || fused.has(id) ? [] : [{ id, score: 1 / (k + i + 1) }]));
  return [...head, ...tail];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`vector leg timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function vectorLeg(deps: Deps, params: ClipSearchParams): Promise<ScoredId[]> {
  const { vectorDepth, vectorMinSimilarity } = deps.config.hybridSearch;
  const vector = await embedQuery(deps.cache, deps.embeddings, params.q);
  return deps.search.searchClipsByVector({
    vector,
    model: clipVectorModel(deps.embeddings),
    filters: params.filters,
    limit: vectorDepth,
    minSimilarity: vectorMinSimilarity,
  });
}

/**
 * Relevance-sorted clip search over the engine's lexical ranking (Postgres FTS or OpenSearch) fused with pgvector
 * KNN. Recent/popular sorts, or SEARCH_HYBRID=false, are the engine's alone. If the vector leg fails or is slow the
 * lexical page is returned and `degraded` set.
 *
 * `total` = lexical total + vector hits (above the similarity floor) absent from the fetched lexical list: exact
 * whenever the lexical list was fetched whole, otherwise an upper bound. Facets describe the lexical matches.
 */
export async function searchClipsHybrid(deps: Deps, params: ClipSearchParams): Promise<HybridClipResult> {
  const config = deps.config.hybridSearch;
  if (!config.enabled || params.sort !== "relevance") {
    return { ...(await deps.search.searchClips(params)), degraded: false };
  }
  const { offset, limit } = params.page;
  const end = offset + limit;
  // A page past the fused window also needs the lexical hits that vector-only candidates pushed down.
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
  const known = new Set(lexicalIds);
  const semanticOnly = semantic.filter((h) => !known.has(h.id)).length;
  const ordered = fuseRrf(
    lexicalIds,
    semantic.map((h) => h.id),
    config.rrfK,
    config.bm25Depth,
  );
  return { ...lexical, hits: ordered.slice(offset, end), total: lexical.total + semanticOnly, degraded: false };
}

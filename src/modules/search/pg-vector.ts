import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { toVectorLiteral } from "../../platform/embeddings/provider";
import type { ScoredId, VectorSearchParams } from "./engine";
import { filterSql } from "./pg-clips";

/** pgvector's default ef_search; a deeper candidate list needs a wider beam or the HNSW scan returns fewer rows. */
const DEFAULT_EF_SEARCH = 40;
const MAX_EF_SEARCH = 1000;

/**
 * The KNN leg: nearest feedable clips by cosine distance (HNSW `vector_cosine_ops`) under the same filters as the
 * full-text leg. Iterative index scans keep filtered queries from coming back short; ef_search is widened when
 * more candidates than its default are asked for. Both settings are transaction-local.
 */
export async function searchClipsByVector(db: Db, p: VectorSearchParams): Promise<ScoredId[]> {
  if (p.limit <= 0) return [];
  const q = sql`${toVectorLiteral(p.vector)}::vector`;
  const rows = await db.transaction(async (tx) => {
    const ef = String(Math.min(Math.max(p.limit, DEFAULT_EF_SEARCH), MAX_EF_SEARCH));
    await tx.execute(
      sql`select set_config('hnsw.iterative_scan', 'strict_order', true), set_config('hnsw.ef_search', ${ef}, true)`,
    );
    return queryRows<{ id: string; distance: number }>(
      tx,
      sql`select c.id, (c.embedding <=> ${q})::float8 as distance from clips c
        where ${filterSql(p.filters)} and c.embedding is not null and c.embedding_model = ${p.model}
        order by c.embedding <=> ${q} limit ${p.limit}`,
    );
  });
  return rows.map((r) => ({ id: r.id, score: 1 - Number(r.distance) })).filter((hit) => hit.score >= p.minSimilarity);
}

import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { toVectorLiteral } from "../../platform/embeddings/provider";
import { feedableClips } from "../clips/feedable";

/** What the re-ranker reads of a candidate clip: its names, and its similarity to the query when it has a vector. */
export interface Candidate {
  id: string;
  title: string;
  broadcasterId: string | null;
  broadcasterName: string;
  gameId: string | null;
  gameName: string | null;
  tags: string;
  language: string | null;
  createdAt: number;
  similarity: number | null;
}

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** The candidates of both legs in one primary-key read, with the cosine similarity computed for every one of them. */
export async function loadCandidates(db: Db, ids: string[], vector: number[], model: string): Promise<Candidate[]> {
  if (ids.length === 0) return [];
  const q = sql`${toVectorLiteral(vector)}::vector`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.id, c.title, c.broadcaster_id, c.broadcaster_name, c.game_id, c.game_name, c.search_tags, c.language,
        c.created_at,
        case when c.embedding_model = ${model} then (1 - (c.embedding <=> ${q}))::float8 end as similarity
      from clips c where c.id in (${idList(ids)}) and ${feedableClips("c")}`,
  );
  return rows.map((r) => ({
    id: r.id as string,
    title: r.title as string,
    broadcasterId: r.broadcaster_id as string | null,
    broadcasterName: r.broadcaster_name as string,
    gameId: r.game_id as string | null,
    gameName: r.game_name as string | null,
    tags: r.search_tags as string,
    language: r.language as string | null,
    createdAt: new Date(r.created_at as string).getTime(),
    similarity: r.similarity == null ? null : Number(r.similarity),
  }));
}

/** Cosine similarity of each of these clips to each of `vectors` (fusion.ts: the residual query, the moved one). */
export async function similarities(db: Db, ids: string[], vectors: number[][], model: string) {
  if (ids.length === 0 || vectors.length === 0) return new Map<string, number[]>();
  const columns = vectors.map(
    (v, i) => sql`(1 - (c.embedding <=> ${toVectorLiteral(v)}::vector))::float8 as ${sql.raw(`s${i}`)}`,
  );
  const rows = await queryRows<Record<string, number | string>>(
    db,
    sql`select c.id, ${sql.join(columns, sql`, `)} from clips c
      where c.id in (${idList(ids)}) and c.embedding_model = ${model}`,
  );
  return new Map(rows.map((r) => [r.id as string, vectors.map((_, i) => Number(r[`s${i}`]))]));
}

/** The normalised mean of these clips' vectors: the pseudo-relevance feedback direction (fusion.ts). */
export async function centroid(db: Db, ids: string[], model: string): Promise<number[] | undefined> {
  if (ids.length === 0) return undefined;
  const [row] = await queryRows<{ v: string | null }>(
    db,
    sql`select avg(c.embedding)::text as v from clips c where c.id in (${idList(ids)}) and c.embedding_model = ${model}`,
  );
  return row?.v ? (JSON.parse(row.v) as number[]) : undefined;
}

import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { type ClipParts, clipVectorModel, composeClipVectors } from "./clip-vectors";
import { type EmbeddingProvider, toVectorLiteral } from "./provider";

const idList = (ids: string[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * Embeds the given clips (removed or missing ones are skipped; tags included, which the original left out, anchor
 * §10.4) and stores vector + `clipVectorModel` in one short statement, so a running API is never blocked behind a
 * long transaction. Returns how many clips were written.
 */
export async function embedClips(db: Db, provider: EmbeddingProvider, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await queryRows<ClipParts & { id: string }>(
    db,
    sql`select c.id, c.title, c.game_name, c.broadcaster_name,
        (select array_agg(t.name order by t.name) from clip_tags ct join tags t on t.id = ct.tag_id
          where ct.clip_id = c.id) as tags
      from clips c where c.id in (${idList(ids)}) and not c.is_removed`,
  );
  if (rows.length === 0) return 0;
  const vectors = await composeClipVectors(provider, rows);
  const values = sql.join(
    rows.map((row, i) => sql`(${row.id}::uuid, ${toVectorLiteral(vectors[i]!)}::vector)`),
    sql`, `,
  );
  const updated = await queryRows<{ id: string }>(
    db,
    sql`update clips c set embedding = v.embedding, embedding_model = ${clipVectorModel(provider)}, embedded_at = now()
      from (values ${values}) as v(id, embedding) where c.id = v.id returning c.id`,
  );
  return updated.length;
}

export interface StaleClipsQuery {
  /** Keyset cursor: only ids after this one. */
  afterId?: string;
  /** Every non-removed clip, not only those missing a vector from `model`. */
  force?: boolean;
  limit: number;
}

function staleWhere(model: string, q: Omit<StaleClipsQuery, "limit">): SQL {
  const where = [sql`not c.is_removed`];
  if (!q.force) where.push(sql`(c.embedding is null or c.embedding_model is distinct from ${model})`);
  if (q.afterId) where.push(sql`c.id > ${q.afterId}::uuid`);
  return sql.join(where, sql` and `);
}

/** Ids of clips without a vector from `model` (a `clipVectorModel`), in id order (the backfill's resumable cursor). */
export async function findClipsToEmbed(db: Db, model: string, q: StaleClipsQuery): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select c.id from clips c where ${staleWhere(model, q)} order by c.id limit ${q.limit}`,
  );
  return rows.map((r) => r.id);
}

export async function countClipsToEmbed(db: Db, model: string, q: Omit<StaleClipsQuery, "limit">): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from clips c where ${staleWhere(model, q)}`,
  );
  return row?.n ?? 0;
}

import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { toVectorLiteral } from "../../platform/embeddings/provider";

/** Rebuilds the tags' mean vectors (0015) from the clips as they are; readers keep the old ones until it is done. */
export async function refreshSearchTopics(db: Db): Promise<void> {
  await db.execute(sql`refresh materialized view concurrently search_topics`);
}

/**
 * The mean vector of the tag whose clips are, on average, nearest `vector` in `model`'s space, if any tag has enough
 * clips: what a query is about when it shares no word with the clips ("outsmarting the rival" → #outplayed). One
 * row per tag and model, so a scan of the view, not of the clips.
 */
export async function nearestTopic(db: Db, vector: number[], model: string): Promise<number[] | undefined> {
  const [row] = await queryRows<{ v: string }>(
    db,
    sql`select t.embedding::text as v from search_topics t where t.model = ${model}
      order by t.embedding <=> ${toVectorLiteral(vector)}::vector limit 1`,
  );
  return row ? (JSON.parse(row.v) as number[]) : undefined;
}

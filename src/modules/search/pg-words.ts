import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { nearlySame } from "./intent";

/** Nearest vocabulary words looked at for a correction, by trigram similarity. */
const CANDIDATES = 5;

/** Rebuilds the vocabulary (0013) from the clips as they are; readers keep the old one until it is done. */
export async function refreshSearchWords(db: Db): Promise<void> {
  await db.execute(sql`refresh materialized view concurrently search_words`);
}

/** Whether the vocabulary has been built: until its first refresh, corrections fall back to trigram scans. */
export async function hasSearchWords(db: Db): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`select 1 as one from search_words limit 1`);
  return rows.length > 0;
}

/**
 * The most common vocabulary word one slip away from `word` (a swap, a dropped, doubled or wrong letter, never the
 * first), if any: "valornt" → "valorant". `word` is compared unaccented, as the vocabulary holds it.
 */
export async function correctWord(db: Db, word: string): Promise<string | undefined> {
  const rows = await queryRows<{ word: string; folded: string }>(
    db,
    sql`select w.word, clipper_unaccent(lower(${word})) as folded from search_words w
      where w.word % clipper_unaccent(lower(${word}))
      order by similarity(w.word, clipper_unaccent(lower(${word}))) desc, w.ndoc desc limit ${CANDIDATES}`,
  );
  return rows.find((r) => nearlySame(r.word, r.folded))?.word;
}

import { inArray, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { clips } from "../../db/schema";
import { feedableClips } from "./feedable";
import { type ClipRow, clipColumns } from "./wire";

const RELATED_LIMIT = 10;
/** Candidates per source (same game, same broadcaster, shared tags), each read from an index, newest first. */
const CANDIDATES_PER_SOURCE = 200;

/**
 * +3 same game, +2 same broadcaster, +1 per shared tag, ties by vote_score. Only a bounded candidate set drawn through
 * the game, broadcaster and tag indexes is scored, never the whole table (the original scored every row).
 */
export async function findRelatedClips(db: Db, clip: ClipRow): Promise<ClipRow[]> {
  const ranked = await queryRows<{ id: string }>(
    db,
    sql`with src_tags as (select tag_id from clip_tags where clip_id = ${clip.id}),
        candidates as (
          (select id from clips where game_id = ${clip.gameId} and id <> ${clip.id}
            order by created_at desc limit ${CANDIDATES_PER_SOURCE})
          union
          (select id from clips where broadcaster_id = ${clip.broadcasterId} and id <> ${clip.id}
            order by created_at desc limit ${CANDIDATES_PER_SOURCE})
          union
          (select clip_id from clip_tags where tag_id in (select tag_id from src_tags) and clip_id <> ${clip.id}
            order by created_at desc limit ${CANDIDATES_PER_SOURCE})
        )
        select clips.id from clips join candidates using (id)
        where ${feedableClips()}
        order by (case when clips.game_id = ${clip.gameId} then 3 else 0 end)
          + (case when clips.broadcaster_id = ${clip.broadcasterId} then 2 else 0 end)
          + (select count(*) from clip_tags ct where ct.clip_id = clips.id and ct.tag_id in (select tag_id from src_tags)) desc,
          clips.vote_score desc, clips.id desc
        limit ${RELATED_LIMIT}`,
  );
  if (ranked.length === 0) return [];
  const rows = await db
    .select(clipColumns)
    .from(clips)
    .where(
      inArray(
        clips.id,
        ranked.map((r) => r.id),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ranked.map((r) => byId.get(r.id)).filter((r): r is ClipRow => !!r);
}

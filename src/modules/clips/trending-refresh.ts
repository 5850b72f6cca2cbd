import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { feedableClips } from "./feedable";

/** A stored score is rewritten once it is more than 1% off, so old clips, whose scores barely move, are rarely touched. */
const DRIFT = 0.01;

/**
 * trending_score is recomputed by a trigger whenever a clip's engagement changes (drizzle/0003), so new and
 * just-voted clips rank at once. Only the time decay of untouched clips is left, and that is what this applies.
 */
export async function refreshTrendingScores(db: Db): Promise<number> {
  const [row] = await queryRows<{ updated: number }>(
    db,
    sql`with fresh as (
          select id, clip_trending_score(view_count, vote_score, comment_count, favorite_count, created_at, now()) as score
          from clips where ${feedableClips()}
        ), updated as (
          update clips set trending_score = fresh.score from fresh
          where clips.id = fresh.id and abs(clips.trending_score - fresh.score) > ${DRIFT} * abs(fresh.score)
          returning 1
        )
        select count(*)::int as updated from updated`,
  );
  return Number(row?.updated ?? 0);
}

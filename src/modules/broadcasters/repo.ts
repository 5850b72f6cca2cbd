import { and, eq, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { broadcasterFollows } from "../../db/schema";
import { feedableClips } from "../clips/feedable";

export interface PopularBroadcaster {
  broadcaster_id: string;
  broadcaster_name: string;
  clip_count: number;
}

export function popularBroadcasters(db: Db, limit: number) {
  return queryRows<PopularBroadcaster>(
    db,
    sql`select broadcaster_id, max(broadcaster_name) as broadcaster_name, count(*)::int as clip_count
        from clips where broadcaster_id is not null and ${feedableClips()}
        group by broadcaster_id order by clip_count desc, broadcaster_id limit ${limit}`,
  );
}

/** Matches a Twitch broadcaster id, or a broadcaster name case-insensitively (ClipCard falls back to the name). */
const matches = (key: string) => sql`(clips.broadcaster_id = ${key} or lower(clips.broadcaster_name) = lower(${key}))`;

export interface BroadcasterAggregate {
  broadcaster_id: string;
  broadcaster_name: string;
  total_clips: number;
  total_views: number;
  avg_vote_score: number;
  updated_at: Date | string;
}

/** Aggregates the broadcaster's visible clips; undefined when there are none under that id or name. */
export async function findBroadcaster(db: Db, key: string): Promise<BroadcasterAggregate | undefined> {
  const [row] = await queryRows<BroadcasterAggregate>(
    db,
    sql`select coalesce(max(broadcaster_id), max(broadcaster_name)) as broadcaster_id,
          (array_agg(broadcaster_name order by created_at desc))[1] as broadcaster_name,
          count(*)::int as total_clips, coalesce(sum(view_count), 0)::bigint as total_views,
          coalesce(avg(vote_score), 0)::float8 as avg_vote_score, max(updated_at) as updated_at
        from clips where ${matches(key)} and ${feedableClips()}
        having count(*) > 0`,
  );
  return row;
}

export async function broadcasterFollowState(db: Db, broadcasterId: string, viewerId?: string) {
  const [row] = await queryRows<{ follower_count: number; is_following: boolean }>(
    db,
    sql`select count(*)::int as follower_count,
          coalesce(bool_or(user_id = ${viewerId ?? null}::uuid), false) as is_following
        from broadcaster_follows where broadcaster_id = ${broadcasterId}`,
  );
  return { followerCount: Number(row?.follower_count ?? 0), isFollowing: !!row?.is_following };
}

export async function setBroadcasterFollow(db: Db, userId: string, broadcasterId: string, follow: boolean) {
  if (follow) await db.insert(broadcasterFollows).values({ userId, broadcasterId }).onConflictDoNothing();
  else {
    await db
      .delete(broadcasterFollows)
      .where(and(eq(broadcasterFollows.userId, userId), eq(broadcasterFollows.broadcasterId, broadcasterId)));
  }
}

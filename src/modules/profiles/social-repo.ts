import { and, count, eq, sql } from "drizzle-orm";
import type { Principal } from "../../core/principal";
import { type Db, queryRows } from "../../db/client";
import { invalidateOnCommit } from "../../db/mutation";
import { userFollows } from "../../db/schema";
import { scopes } from "../../platform/cache/scopes";
import { queueNotification } from "../notifications/events";
import { karmaSeenBy } from "../users/privacy";

interface Page {
  limit: number;
  offset: number;
}

/** Follows once; the two counters move only when a row was really inserted, so they stay exact. */
export async function insertFollow(tx: Db, followerId: string, followingId: string): Promise<void> {
  const inserted = await tx
    .insert(userFollows)
    .values({ followerId, followingId })
    .onConflictDoNothing()
    .returning({ id: userFollows.followingId });
  if (!inserted.length) return;
  await moveCounters(tx, followerId, followingId, 1);
  await queueNotification(tx, "user", followingId);
}

export async function deleteFollow(tx: Db, followerId: string, followingId: string): Promise<void> {
  const deleted = await tx
    .delete(userFollows)
    .where(and(eq(userFollows.followerId, followerId), eq(userFollows.followingId, followingId)))
    .returning({ id: userFollows.followingId });
  if (deleted.length) await moveCounters(tx, followerId, followingId, -1);
}

// Plain updates, so a follow does not bump the profile's updated_at.
async function moveCounters(tx: Db, followerId: string, followingId: string, by: 1 | -1) {
  await tx.execute(sql`update users set following_count = following_count + ${by} where id = ${followerId}::uuid`);
  await tx.execute(sql`update users set follower_count = follower_count + ${by} where id = ${followingId}::uuid`);
  invalidateOnCommit(tx, scopes.user(followerId), scopes.user(followingId));
}

export interface FollowRow {
  id: string;
  username: string;
  display_name: string;
  avatar_url: string | null;
  bio: string | null;
  karma_points: number | null;
  followed_at: Date | string;
  is_following: boolean;
}

/** `followers` of a user or the users they are `following`, newest follow first, with the viewer's follow state. */
export async function listFollows(
  db: Db,
  params: Page & { userId: string; direction: "followers" | "following"; viewer?: Principal },
) {
  const followers = params.direction === "followers";
  const [listed, anchor] = followers
    ? [sql`f.follower_id`, sql`f.following_id`]
    : [sql`f.following_id`, sql`f.follower_id`];
  const viewerId = params.viewer?.userId;
  const viewerFollows = viewerId
    ? sql`exists (select 1 from user_follows v where v.follower_id = ${viewerId}::uuid and v.following_id = u.id)`
    : sql`false`;
  const [rows, [total]] = await Promise.all([
    queryRows<FollowRow>(
      db,
      sql`select u.id, u.username, u.display_name, u.avatar_url, u.bio,
            ${karmaSeenBy(params.viewer, sql`u.id`, sql`u.karma_points`)} as karma_points,
            f.created_at as followed_at, ${viewerFollows} as is_following
          from user_follows f join users u on u.id = ${listed}
          where ${anchor} = ${params.userId}::uuid
          order by f.created_at desc, u.id limit ${params.limit} offset ${params.offset}`,
    ),
    db
      .select({ n: count() })
      .from(userFollows)
      .where(eq(followers ? userFollows.followingId : userFollows.followerId, params.userId)),
  ]);
  return { rows, total: total?.n ?? 0 };
}

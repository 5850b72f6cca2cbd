import { eq, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { mutate, type Writer } from "../../db/mutation";
import { users } from "../../db/schema";
import { scopes } from "../../platform/cache/scopes";
import { writeOutbox } from "../outbox/repo";
import type { FollowState, ProfileStats, UserRow } from "./wire";

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

/** The "clipped by" link names the clipper by Twitch user id: the member who signed in with that Twitch account. */
export async function findUserByTwitchId(db: Db, twitchId: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.twitchId, twitchId));
  return row;
}

export async function profileStats(db: Db, userId: string): Promise<ProfileStats> {
  const [row] = await queryRows<ProfileStats>(
    db,
    sql`select
      (select count(*)::int from clips where submitted_by_user_id = ${userId} and not is_removed) as clips_submitted,
      (select coalesce(sum(upvote_count), 0)::int from clips
        where submitted_by_user_id = ${userId} and not is_removed) as total_upvotes,
      (select count(*)::int from comments where user_id = ${userId} and not is_removed) as total_comments,
      (select count(*)::int from clips
        where submitted_by_user_id = ${userId} and is_featured and not is_removed) as clips_featured,
      (select count(*)::int from broadcaster_follows where user_id = ${userId}) as broadcasters_followed`,
  );
  return row!;
}

export async function followState(db: Db, viewerId: string | undefined, userId: string): Promise<FollowState> {
  if (!viewerId || viewerId === userId) return { is_following: false, is_followed_by: false };
  const [row] = await queryRows<FollowState>(
    db,
    sql`select
      exists(select 1 from user_follows where follower_id = ${viewerId} and following_id = ${userId}) as is_following,
      exists(select 1 from user_follows where follower_id = ${userId} and following_id = ${viewerId}) as is_followed_by`,
  );
  return row!;
}

export async function updateProfile(
  deps: Writer,
  userId: string,
  profile: { displayName: string; bio: string | null },
) {
  await mutate(deps, async (tx) => {
    await tx.update(users).set(profile).where(eq(users.id, userId));
    await writeOutbox(tx, { aggregateType: "user", aggregateId: userId });
    return { result: undefined, invalidates: [scopes.user(userId)] };
  });
}

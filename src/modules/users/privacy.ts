import { type SQL, sql } from "drizzle-orm";
import { can } from "../../core/auth/permissions";
import { AppError } from "../../core/errors";
import type { Principal } from "../../core/principal";
import { type Db, queryRows } from "../../db/client";
import type { ProfileVisibility } from "../../db/schema";

/** What a viewer may see of a user's profile under the user's settings (GET/PUT /users/me/settings). */
export interface ProfileAccess {
  profile: boolean;
  karma: boolean;
}

const everything: ProfileAccess = { profile: true, karma: true };
const seesAll = (viewer: Principal | undefined, userId: string) =>
  !!viewer && (viewer.userId === userId || can(viewer, "profiles:view-private"));

/** The owner, moderators and admins see everything; "followers" opens the profile to the user's followers only. */
export async function profileAccess(db: Db, viewer: Principal | undefined, userId: string): Promise<ProfileAccess> {
  if (seesAll(viewer, userId)) return everything;
  const [row] = await queryRows<{ visibility: ProfileVisibility; show_karma: boolean; follows: boolean }>(
    db,
    sql`select s.profile_visibility as visibility, s.show_karma_publicly as show_karma,
        exists(select 1 from user_follows f
          where f.follower_id = ${viewer?.userId ?? null}::uuid and f.following_id = s.user_id) as follows
      from user_settings s where s.user_id = ${userId}::uuid`,
  );
  if (!row) return everything;
  const profile = row.visibility === "public" || (row.visibility === "followers" && row.follows);
  return { profile, karma: profile && row.show_karma };
}

/** The profile's tabs (clips, activity, follows, comments, votes): a hidden profile's are 403, not an empty page. */
export async function assertProfileVisible(db: Db, viewer: Principal | undefined, userId: string) {
  const access = await profileAccess(db, viewer, userId);
  if (!access.profile) throw new AppError("FORBIDDEN", "This profile is private");
  return access;
}

const settingsOf = (userId: SQL, hides: SQL) =>
  sql`exists (select 1 from user_settings s where s.user_id = ${userId} and (${hides}))`;

/** SQL: the user's profile is public to everyone (no settings row: the defaults, public). */
export const profileIsPublic = (userId: SQL): SQL =>
  sql`not ${settingsOf(userId, sql`s.profile_visibility <> 'public'`)}`;

/** SQL: anyone may see the user's karma (their profile is public and they did not hide it). */
export const karmaIsPublic = (userId: SQL): SQL =>
  sql`not ${settingsOf(userId, sql`s.profile_visibility <> 'public' or not s.show_karma_publicly`)}`;

/** SQL: a listed user's karma as `viewer` may see it, null where it is hidden from them. */
export function karmaSeenBy(viewer: Principal | undefined, userId: SQL, karma: SQL): SQL {
  if (viewer && can(viewer, "profiles:view-private")) return karma;
  return sql`case when ${userId} = ${viewer?.userId ?? null}::uuid or ${karmaIsPublic(userId)} then ${karma} end`;
}

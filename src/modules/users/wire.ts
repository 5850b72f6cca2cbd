import type { users } from "../../db/schema";
import type { ProfileAccess } from "./privacy";
import type { ShortUser, User, UserProfile } from "./schemas";

export type UserRow = typeof users.$inferSelect;

export interface ProfileStats {
  clips_submitted: number;
  total_upvotes: number;
  total_comments: number;
  clips_featured: number;
  broadcasters_followed: number;
}

export interface FollowState {
  is_following: boolean;
  is_followed_by: boolean;
}

/** Contract §3.3. The email is only ever sent to its owner and to admins. */
export function toWireUser(row: UserRow, options: { includeEmail: boolean }): User {
  return {
    id: row.id,
    twitch_id: row.twitchId,
    username: row.username,
    display_name: row.displayName,
    email: options.includeEmail ? row.email : undefined,
    avatar_url: row.avatarUrl,
    bio: row.bio,
    karma_points: row.karmaPoints,
    role: row.role,
    is_banned: row.isBanned,
    ban_reason: row.banReason,
    banned_until: row.bannedUntil?.toISOString() ?? null,
    is_verified: row.isVerified,
    is_premium: false,
    trust_score: row.trustScore,
    follower_count: row.followerCount,
    following_count: row.followingCount,
    last_login_at: row.lastLoginAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Contract §3.4: the SPA expects social_links as a JSON string. Hidden karma is null (the page prints nothing). */
export function toWireProfile(
  row: UserRow,
  extras: { stats: ProfileStats; follow: FollowState; includeEmail: boolean; access: ProfileAccess },
): UserProfile {
  return {
    ...toWireUser(row, { includeEmail: extras.includeEmail }),
    karma_points: extras.access.karma ? row.karmaPoints : null,
    social_links: row.socialLinks ? JSON.stringify(row.socialLinks) : null,
    stats: extras.stats,
    ...extras.follow,
    is_private: false,
  };
}

const HIDDEN_STATS = {
  clips_submitted: null,
  total_upvotes: null,
  total_comments: null,
  clips_featured: null,
  broadcasters_followed: null,
};

/**
 * A profile hidden from the viewer: who it is (as on their clips and comments), the follow state and counts, so
 * UserProfilePage renders a header with a working follow button; nothing of what they do. The tabs answer 403.
 */
export function toRestrictedProfile(row: UserRow, follow: FollowState): UserProfile {
  return {
    ...toShortUser(row, { profile: false, karma: false }),
    is_banned: row.isBanned,
    is_verified: row.isVerified,
    follower_count: row.followerCount,
    following_count: row.followingCount,
    stats: HIDDEN_STATS,
    ...follow,
    is_private: true,
  };
}

/** `GET /users/by-username/:username` without `full=true`. */
export function toShortUser(row: UserRow, access: ProfileAccess): ShortUser {
  return {
    id: row.id,
    username: row.username,
    display_name: row.displayName,
    avatar_url: row.avatarUrl,
    bio: access.profile ? row.bio : null,
    karma_points: access.karma ? row.karmaPoints : null,
    role: row.role,
    created_at: row.createdAt.toISOString(),
  };
}

import { z } from "zod";
import { USER_ROLES } from "../../db/schema";
import { wireSchema } from "../../http/openapi/registry";
import { count, successData, wireId, wireTime } from "../../http/wire-fields";

/** Keeps ids that are not UUIDs away from Postgres, and `/users/<word>` routes of other groups reachable. */
export const UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

export const UsernameParam = z.object({ username: z.string().min(1).max(50) });

export const ProfileQuery = z.object({ full: z.enum(["true", "false", "1", "0"]).optional() });

export const UpdateProfileBody = z.object({
  display_name: z.string().trim().min(1).max(100),
  bio: z.string().trim().max(500).nullish(),
});

const nullableText = z.string().nullable();

/** Contract §3.3 (`GET /auth/me`): `email` only to its owner and to admins. */
export const User = wireSchema(
  "User",
  z.strictObject({
    id: wireId,
    twitch_id: z
      .string()
      .nullable()
      .meta({ examples: ["141981764"] }),
    username: z.string().meta({ examples: ["clipfan"] }),
    display_name: z.string().meta({ examples: ["ClipFan"] }),
    email: z
      .string()
      .nullable()
      .optional()
      .meta({ examples: ["viewer@example.com"] }),
    avatar_url: nullableText,
    bio: nullableText,
    karma_points: z.number().int(),
    role: z.enum(USER_ROLES),
    is_banned: z.boolean(),
    ban_reason: nullableText,
    banned_until: wireTime.nullable(),
    is_verified: z.boolean(),
    is_premium: z.boolean().meta({ description: "Always false: no paid plans exist." }),
    trust_score: z.number().int(),
    follower_count: count,
    following_count: count,
    last_login_at: wireTime.nullable(),
    created_at: wireTime,
    updated_at: wireTime,
  }),
);
export type User = z.infer<typeof User>;

const follow = {
  is_following: z.boolean().meta({ description: "The viewer follows this user." }),
  is_followed_by: z.boolean().meta({ description: "This user follows the viewer." }),
};
const karma = z.number().int().nullable().meta({ description: "Null when the user hides it from this viewer." });

/** `GET /users/by-username/:username` without `full=true`. */
export const ShortUser = wireSchema(
  "ShortUser",
  z.strictObject({
    ...User.pick({ id: true, username: true, display_name: true, avatar_url: true, role: true, created_at: true })
      .shape,
    bio: nullableText.meta({ description: "Null on a profile hidden from the viewer." }),
    karma_points: karma,
  }),
);
export type ShortUser = z.infer<typeof ShortUser>;

const counts = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    clips_submitted: value,
    total_upvotes: value,
    total_comments: value,
    clips_featured: value,
    broadcasters_followed: value,
  });

/** Contract §3.4: User without email, with stats and follow state; `social_links` is a JSON string. */
const PublicProfile = User.extend({
  karma_points: karma,
  social_links: nullableText.meta({ examples: ['{"twitter":"https://x.com/clipfan"}'] }),
  stats: counts(count),
  ...follow,
  is_private: z.literal(false),
});

/** A profile hidden from the viewer: who it is and the follow state, nothing of what they do. */
const RestrictedProfile = ShortUser.extend({
  is_banned: z.boolean(),
  is_verified: z.boolean(),
  follower_count: count,
  following_count: count,
  stats: counts(z.null()),
  ...follow,
  is_private: z.literal(true),
});

export const UserProfile = wireSchema("UserProfile", z.union([PublicProfile, RestrictedProfile]));
export type UserProfile = z.infer<typeof UserProfile>;

export const UserProfileDetail = successData("UserProfileDetail", UserProfile);
export type UserProfileDetail = z.infer<typeof UserProfileDetail>;

export const UserByUsername = successData(
  "UserByUsername",
  z.union([UserProfile, ShortUser]).meta({ description: "The profile with `full=true`, else the short user." }),
);
export type UserByUsername = z.infer<typeof UserByUsername>;

import { z } from "zod";
import { USER_ROLES } from "../../db/schema";
import { wireSchema } from "../../http/openapi/registry";
import { count, wireId, wireTime } from "../../http/wire-fields";

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

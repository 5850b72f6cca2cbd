import { eq } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../../core/errors";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { USER_ROLES, users } from "../../db/schema";
import { wireSchema } from "../../http/openapi/registry";
import { clampedInt } from "../../http/query-params";
import { count, pagedData, success, wireId, wireTime } from "../../http/wire-fields";
import { assertProfileVisible } from "../users/privacy";

/** A non-UUID id is a 400 here, so "me" or a typo never reaches Postgres as a uuid. */
export const UserIdParam = z.object({ id: z.uuid("id must be a UUID") });

export const pageQuery = (defaultLimit: number, maxPage = 10_000) =>
  z.object({ page: clampedInt(1, maxPage, 1), limit: clampedInt(1, 100, defaultLimit) });

export async function requireUser(db: Db, id: string) {
  const [user] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      avatarUrl: users.avatarUrl,
      karmaPoints: users.karmaPoints,
      role: users.role,
      isBanned: users.isBanned,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!user) throw new AppError("NOT_FOUND", "user not found");
  return user;
}

export type ProfileUser = Awaited<ReturnType<typeof requireUser>>;

/** A profile tab's user and what the viewer may see of them: 404 without the user, then 403 if the profile is hidden. */
export async function requireVisibleUser(db: Db, viewer: Principal | undefined, id: string) {
  const user = await requireUser(db, id);
  return { user, access: await assertProfileVisible(db, viewer, id) };
}

const nullableText = z.string().nullable();
const karma = z.number().int().nullable().meta({ description: "Null when the user hides it from this viewer." });

/** Contract §3.5 UserComment: a comment on the profile's Comments tab, already in the SPA's shape. */
export const UserComment = wireSchema(
  "UserComment",
  z.strictObject({
    id: wireId,
    clip_id: wireId,
    user_id: wireId,
    username: z.string().meta({ examples: ["clipfan"] }),
    user_avatar: nullableText,
    user_karma: karma,
    user_role: z.enum(USER_ROLES),
    parent_id: wireId.nullable(),
    content: z.string().meta({ examples: ["That clutch was unreal"] }),
    vote_score: z.number().int(),
    created_at: wireTime,
    updated_at: wireTime,
    is_deleted: z.boolean(),
    is_removed: z.boolean(),
    removed_reason: nullableText,
    depth: z.number().int().min(0),
    child_count: count,
    user_vote: z.union([z.literal(1), z.literal(-1)]).nullable(),
  }),
);
export type UserComment = z.infer<typeof UserComment>;

export const UserCommentPage = wireSchema(
  "UserCommentPage",
  z.strictObject({
    comments: z.array(UserComment),
    total: count,
    page: z.number().int().min(1),
    limit: z.number().int().min(1),
    has_more: z.boolean(),
  }),
);
export type UserCommentPage = z.infer<typeof UserCommentPage>;

const optionalText = z.string().optional();

/** Contract §3.4 activity item. */
export const Activity = wireSchema(
  "Activity",
  z.strictObject({
    id: z.string().meta({ examples: ["comment:5b0c1c8e-9a6f-4a8e-8a55-0e1b4f1f2a10"] }),
    user_id: wireId,
    activity_type: z.enum(["clip_submitted", "upvote", "downvote", "comment", "user_followed", "broadcaster_followed"]),
    target_id: z.string(),
    target_type: z.enum(["clip", "comment", "user", "broadcaster"]),
    metadata: z.null(),
    created_at: wireTime,
    username: z.string(),
    user_avatar: nullableText,
    clip_title: optionalText,
    clip_id: wireId.optional(),
    comment_text: optionalText,
    target_user: optionalText,
  }),
);
export type Activity = z.infer<typeof Activity>;
export const ActivityPage = pagedData("ActivityPage", Activity);
export type ActivityPage = z.infer<typeof ActivityPage>;

/** Contract §3.4 follower item. */
export const FollowUser = wireSchema(
  "FollowUser",
  z.strictObject({
    id: wireId,
    username: z.string().meta({ examples: ["clipfan"] }),
    display_name: z.string(),
    avatar_url: nullableText,
    bio: nullableText,
    karma_points: karma,
    followed_at: wireTime,
    is_following: z.boolean().meta({ description: "The viewer follows this user." }),
  }),
);
export const FollowPage = pagedData("FollowPage", FollowUser);
export type FollowPage = z.infer<typeof FollowPage>;

export const FollowResult = wireSchema(
  "FollowResult",
  z.strictObject({ success, message: z.string().meta({ examples: ["Successfully followed user"] }) }),
);
export type FollowResult = z.infer<typeof FollowResult>;

import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { optionalAuth, principalOf, requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { returns } from "../../http/openapi/registry";
import { pageMeta } from "../../http/pagination";
import { validate } from "../../http/validate";
import { listActivity } from "./activity-repo";
import {
  ActivityPage,
  FollowPage,
  FollowResult,
  pageQuery,
  requireUser,
  requireVisibleUser,
  UserIdParam,
} from "./schemas";
import { setFollow } from "./service";
import { listFollows } from "./social-repo";

const iso = (value: Date | string) => new Date(value).toISOString();

export function createSocialRoutes(deps: Deps) {
  const { db } = deps;

  return new Hono<AppEnv>()
    .get(
      "/users/:id/activity",
      optionalAuth(deps),
      validate("param", UserIdParam),
      validate("query", pageQuery(20, 1_000)),
      returns(ActivityPage),
      async (c) => {
        const { id } = c.req.valid("param");
        const { page, limit } = c.req.valid("query");
        const { user } = await requireVisibleUser(db, c.get("principal"), id);
        const found = await listActivity(db, { userId: id, limit, offset: (page - 1) * limit });
        const data = found.rows.map((row) => ({
          id: `${row.activity_type}:${row.target_id}`,
          user_id: id,
          activity_type: row.activity_type,
          target_id: row.target_id,
          target_type: row.target_type,
          metadata: null,
          created_at: iso(row.created_at),
          username: user.username,
          user_avatar: user.avatarUrl,
          clip_title: row.clip_title ?? undefined,
          clip_id: row.clip_id ?? undefined,
          comment_text: row.comment_text ?? undefined,
          target_user: row.target_user ?? undefined,
        }));
        return c.json({ success: true, data, meta: pageMeta(page, limit, found.total) } satisfies ActivityPage);
      },
    )
    .get(
      "/users/:id/:direction{followers|following}",
      optionalAuth(deps),
      validate("param", UserIdParam),
      validate("query", pageQuery(20)),
      returns(FollowPage),
      async (c) => {
        const { id } = c.req.valid("param");
        const { page, limit } = c.req.valid("query");
        const direction = c.req.param("direction") === "followers" ? "followers" : "following";
        const viewer = c.get("principal");
        await requireVisibleUser(db, viewer, id);
        const found = await listFollows(db, {
          userId: id,
          direction,
          viewer,
          limit,
          offset: (page - 1) * limit,
        });
        const data = found.rows.map((row) => ({ ...row, followed_at: iso(row.followed_at) }));
        return c.json({ success: true, data, meta: pageMeta(page, limit, found.total) } satisfies FollowPage);
      },
    )
    .on(
      ["POST", "DELETE"],
      "/users/:id/follow",
      requireAuth(deps),
      rateLimit(deps, "POST|DELETE /users/:id/follow"),
      validate("param", UserIdParam),
      returns(FollowResult),
      async (c) => {
        const { id } = c.req.valid("param");
        const { userId } = principalOf(c);
        if (id === userId) throw new AppError("INVALID_REQUEST", "You cannot follow yourself");
        await requireUser(db, id);
        const following = c.req.method === "POST";
        await setFollow(deps, { followerId: userId, followingId: id, following });
        const message = following ? "Successfully followed user" : "Successfully unfollowed user";
        return c.json({ success: true, message } satisfies FollowResult);
      },
    );
}

import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { optionalAuth } from "../../http/middleware/auth";
import { returns } from "../../http/openapi/registry";
import { pageMeta } from "../../http/pagination";
import { validate } from "../../http/validate";
import { enrichClips } from "../clips/enrich";
import { ClipPage } from "../clips/schemas";
import type { Clip } from "../clips/wire";
import { listSubmittedClips, listUserComments, listVotedClips } from "./repo";
import { createReputationRoutes } from "./reputation-routes";
import { pageQuery, requireVisibleUser, type UserComment, UserCommentPage, UserIdParam } from "./schemas";
import { createSocialRoutes } from "./social-routes";

/** The `/users/:id/*` sub-resources of a public profile (the profile itself lives with auth). */
export function createProfileRoutes(deps: Deps) {
  // Public lists of any user's activity: the user's own recent writes reach them through the sticky primary.
  const db = deps.readDb;

  return new Hono<AppEnv>()
    .get(
      "/users/:id/clips",
      optionalAuth(deps),
      validate("param", UserIdParam),
      validate("query", pageQuery(20)),
      returns(ClipPage),
      async (c) => {
        const { id } = c.req.valid("param");
        const { page, limit } = c.req.valid("query");
        const viewer = c.get("principal");
        await requireVisibleUser(db, viewer, id);
        const found = await listSubmittedClips(db, {
          userId: id,
          includeHidden: viewer?.userId === id,
          limit,
          offset: (page - 1) * limit,
        });
        const data = await enrichClips(db, found.rows, viewer?.userId);
        return c.json({ success: true, data, meta: pageMeta(page, limit, found.total) } satisfies ClipPage);
      },
    )
    .get(
      "/users/:id/comments",
      optionalAuth(deps),
      validate("param", UserIdParam),
      validate("query", pageQuery(10)),
      returns(UserCommentPage),
      async (c) => {
        const { id } = c.req.valid("param");
        const { page, limit } = c.req.valid("query");
        const { user, access } = await requireVisibleUser(db, c.get("principal"), id);
        const found = await listUserComments(db, {
          userId: id,
          viewer: c.get("principal"),
          limit,
          offset: (page - 1) * limit,
        });
        const list = found.rows.map(
          (row): UserComment => ({
            id: row.id,
            clip_id: row.clipId,
            user_id: id,
            username: user.username,
            user_avatar: user.avatarUrl,
            user_karma: access.karma ? user.karmaPoints : null,
            user_role: user.role,
            parent_id: row.parentCommentId,
            content: row.content,
            vote_score: row.voteScore,
            created_at: row.createdAt.toISOString(),
            updated_at: row.updatedAt.toISOString(),
            is_deleted: false,
            is_removed: row.isRemoved,
            removed_reason: row.removedReason,
            depth: 0,
            child_count: row.replyCount,
            user_vote: row.userVote ?? null,
          }),
        );
        const has_more = page * limit < found.total;
        return c.json({ comments: list, total: found.total, page, limit, has_more } satisfies UserCommentPage);
      },
    )
    .get(
      "/users/:id/:direction{upvoted|downvoted}",
      optionalAuth(deps),
      validate("param", UserIdParam),
      validate("query", pageQuery(10)),
      returns(ClipPage),
      async (c) => {
        const { id } = c.req.valid("param");
        const { page, limit } = c.req.valid("query");
        const vote = c.req.param("direction") === "upvoted" ? 1 : -1;
        await requireVisibleUser(db, c.get("principal"), id);
        const found = await listVotedClips(db, { userId: id, vote, limit, offset: (page - 1) * limit });
        const enriched = await enrichClips(db, found.rows, c.get("principal")?.userId);
        // user_vote here is the profile owner's vote, which is what these lists are about.
        const data = enriched.map((clip): Clip => ({ ...clip, user_vote: vote }));
        return c.json({ success: true, data, meta: pageMeta(page, limit, found.total) } satisfies ClipPage);
      },
    )
    .route("/", createSocialRoutes(deps))
    .route("/", createReputationRoutes(deps));
}

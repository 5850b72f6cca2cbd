import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { setLocation } from "../../http/location";
import { optionalAuth, principalOf, requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { MessageBody } from "../../http/wire-fields";
import { requireVisibleClip } from "../clips/visibility";
import { findComment } from "./repo";
import {
  CommentListQuery,
  CommentPage,
  CommentVote,
  CreateComment,
  DeleteComment,
  EditComment,
  IdParam,
  ReplyPage,
} from "./schemas";
import { createComment, deleteComment, editComment, loadCommentPage, voteComment } from "./service";
import { WireComment } from "./wire";

export function createCommentRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get(
      "/clips/:id/comments",
      optionalAuth(deps),
      validate("param", IdParam),
      validate("query", CommentListQuery),
      returns(CommentPage),
      async (c) => {
        const clipId = c.req.valid("param").id;
        const q = c.req.valid("query");
        await requireVisibleClip(deps.db, clipId, c.get("principal"));
        const page = await loadCommentPage(deps.db, {
          scope: { clipId },
          sort: q.sort,
          limit: q.limit,
          offset: q.cursor,
          replies: q.include_replies,
          viewerId: c.get("principal")?.userId,
        });
        return c.json({
          comments: page.comments,
          next_cursor: q.cursor + page.comments.length,
          has_more: page.hasMore,
          total: page.total,
        } satisfies CommentPage);
      },
    )
    .post(
      "/clips/:id/comments",
      requireAuth(deps),
      rateLimit(deps, "POST /clips/:id/comments"),
      validate("param", IdParam),
      validate("json", CreateComment),
      returns(WireComment, 201),
      async (c) => {
        const body = c.req.valid("json");
        const clipId = c.req.valid("param").id;
        const comment = await createComment(deps, {
          clipId,
          viewer: principalOf(c),
          content: body.content,
          parentId: body.parent_comment_id,
        });
        setLocation(c, "comments", comment.id);
        return c.json(comment satisfies WireComment, 201);
      },
    )
    .get(
      "/comments/:id/replies",
      optionalAuth(deps),
      validate("param", IdParam),
      validate("query", CommentListQuery),
      returns(ReplyPage),
      async (c) => {
        const parentId = c.req.valid("param").id;
        const q = c.req.valid("query");
        const parent = await findComment(deps.db, parentId);
        if (!parent) throw new AppError("NOT_FOUND", "Comment not found");
        await requireVisibleClip(deps.db, parent.clipId, c.get("principal"));
        const page = await loadCommentPage(deps.db, {
          scope: { parentId },
          sort: q.sort,
          limit: q.limit,
          offset: q.cursor,
          replies: q.include_replies,
          viewerId: c.get("principal")?.userId,
        });
        return c.json({
          replies: page.comments,
          next_cursor: q.cursor + page.comments.length,
          has_more: page.hasMore,
          total: page.total,
        } satisfies ReplyPage);
      },
    )
    .put(
      "/comments/:id",
      requireAuth(deps),
      validate("param", IdParam),
      validate("json", EditComment),
      returns(MessageBody),
      async (c) => {
        await editComment(deps, principalOf(c), c.req.valid("param").id, c.req.valid("json").content);
        return c.json({ message: "Comment updated successfully" } satisfies MessageBody);
      },
    )
    .delete(
      "/comments/:id",
      requireAuth(deps),
      validate("param", IdParam),
      validate("json", DeleteComment),
      returns(MessageBody),
      async (c) => {
        const message = await deleteComment(deps, principalOf(c), c.req.valid("param").id, c.req.valid("json").reason);
        return c.json({ message } satisfies MessageBody);
      },
    )
    .post(
      "/comments/:id/vote",
      requireAuth(deps),
      rateLimit(deps, "POST /comments/:id/vote"),
      validate("param", IdParam),
      validate("json", CommentVote),
      returns(MessageBody),
      async (c) => {
        await voteComment(deps, principalOf(c), c.req.valid("param").id, c.req.valid("json").vote);
        return c.json({ message: "Vote recorded successfully" } satisfies MessageBody);
      },
    );
}

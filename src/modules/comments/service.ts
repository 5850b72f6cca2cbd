import { can } from "../../core/auth/permissions";
import { AppError } from "../../core/errors";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { mutate, type Writer } from "../../db/mutation";
import { clipCountsChanged } from "../../platform/cache/scopes";
import { lockVisibleClip, requireVisibleClip } from "../clips/visibility";
import { KARMA_RULES, recordKarma } from "../karma/ledger";
import { queueNotification } from "../notifications/events";
import { writeOutbox } from "../outbox/repo";
import {
  adjustClipCommentCount,
  applyCommentVote,
  type CommentScope,
  countComments,
  findComment,
  findOwnVote,
  findViewerVotes,
  incrementReplyCount,
  insertComment,
  listComments,
  listDescendants,
  lockComment,
  MAX_DEPTH,
  updateComment,
} from "./repo";
import type { CommentSort } from "./schemas";
import { toWireComment, type WireComment } from "./wire";

const EDIT_WINDOW_MS = 15 * 60_000;

/** A page of comments, each with its nested replies when asked: four queries whatever the thread's size. */
export async function loadCommentPage(
  db: Db,
  p: { scope: CommentScope; sort: CommentSort; limit: number; offset: number; replies: boolean; viewerId?: string },
) {
  const [page, total] = await Promise.all([listComments(db, p), countComments(db, p.scope)]);
  const rootIds = page.rows.map((r) => r.id);
  const descendants = p.replies ? await listDescendants(db, rootIds, p.sort) : [];
  const all = [...page.rows, ...descendants];
  const allIds = all.map((r) => r.id);
  const votes = p.viewerId ? await findViewerVotes(db, p.viewerId, allIds) : new Map<string, 1 | -1>();

  const wire = all.map((row) => toWireComment(row, votes.get(row.id) ?? null));
  const byId = new Map<string, WireComment>();
  for (const comment of wire) {
    if (p.replies) comment.replies = [];
    byId.set(comment.id, comment);
    // Descendants arrive parents-first, so a reply's parent is already in the map (a page root's never is).
    if (comment.parent_comment_id) byId.get(comment.parent_comment_id)?.replies?.push(comment);
  }
  return { comments: wire.slice(0, page.rows.length), hasMore: page.hasMore, total };
}

export async function createComment(
  deps: Writer,
  p: { clipId: string; viewer: Principal; content: string; parentId?: string | null },
): Promise<WireComment> {
  const userId = p.viewer.userId;
  return mutate(deps, async (tx) => {
    // Lock order everywhere: comment, then clip (deleteComment does the same), so the two cannot deadlock.
    const parent = p.parentId ? await lockComment(tx, p.parentId) : undefined;
    if (p.parentId && (!parent || parent.clipId !== p.clipId)) {
      throw new AppError("INVALID_REQUEST", "Parent comment not found");
    }
    await lockVisibleClip(tx, p.clipId, p.viewer);
    const depth = parent ? parent.depth + 1 : 0;
    if (parent) {
      if (parent.isRemoved) throw new AppError("INVALID_REQUEST", "Cannot reply to a deleted comment");
      if (depth >= MAX_DEPTH) throw new AppError("INVALID_REQUEST", `Maximum comment depth of ${MAX_DEPTH} reached`);
      await incrementReplyCount(tx, parent.id);
    }
    const id = await insertComment(tx, {
      clipId: p.clipId,
      userId,
      parentCommentId: p.parentId ?? null,
      depth,
      content: p.content,
    });
    await adjustClipCommentCount(tx, p.clipId, 1);
    // The author's own upvote counts towards the score but, like every self-vote, pays no karma.
    await applyCommentVote(tx, { userId, commentId: id, from: 0, to: 1 });
    await recordKarma(tx, { userId, amount: KARMA_RULES.comment, source: "comment", sourceId: id });
    await writeOutbox(tx, { aggregateType: "clip", aggregateId: p.clipId });
    if (parent && parent.userId !== userId) await queueNotification(tx, "comment", id);
    return { result: toWireComment((await findComment(tx, id))!, 1), invalidates: clipCountsChanged(p.clipId) };
  });
}

export async function editComment(deps: Writer, principal: Principal, id: string, content: string): Promise<void> {
  await mutate(deps, async (tx) => {
    const row = await lockComment(tx, id);
    if (!row) throw new AppError("NOT_FOUND", "Comment not found");
    const editsAnything = can(principal, "comments:edit-any");
    if (row.userId !== principal.userId && !editsAnything) {
      throw new AppError("FORBIDDEN", "You can only edit your own comments");
    }
    if (row.isRemoved) throw new AppError("INVALID_REQUEST", "Cannot edit a deleted comment");
    await requireVisibleClip(tx, row.clipId, principal);
    if (!editsAnything && Date.now() - row.createdAt.getTime() > EDIT_WINDOW_MS) {
      throw new AppError("INVALID_REQUEST", "edit window of 15 minutes has expired");
    }
    await updateComment(tx, id, { content, isEdited: true });
    return { result: undefined, invalidates: [] };
  });
}

/** Soft delete: the author's own comment becomes [deleted] (and takes back its +1), a moderator's removal [removed]. */
export async function deleteComment(deps: Writer, principal: Principal, id: string, reason?: string): Promise<string> {
  return mutate(deps, async (tx) => {
    const row = await lockComment(tx, id);
    if (!row) throw new AppError("NOT_FOUND", "Comment not found");
    const isAuthor = row.userId === principal.userId;
    if (!isAuthor && !can(principal, "comments:moderate")) {
      throw new AppError("FORBIDDEN", "You can only delete your own comments");
    }
    if (row.isRemoved) throw new AppError("INVALID_REQUEST", "Comment has already been deleted");
    await updateComment(tx, id, {
      isRemoved: true,
      content: isAuthor ? "[deleted]" : "[removed]",
      removedReason: isAuthor ? null : (reason ?? null),
    });
    await adjustClipCommentCount(tx, row.clipId, -1);
    if (isAuthor) {
      await recordKarma(tx, {
        userId: row.userId,
        amount: KARMA_RULES.commentDeleted,
        source: "comment_deleted",
        sourceId: id,
      });
    }
    await writeOutbox(tx, { aggregateType: "clip", aggregateId: row.clipId });
    // A removal tells the author; an author deleting a reply withdraws its notification.
    if (!isAuthor || row.parentCommentId) await queueNotification(tx, "comment", id);
    return {
      result: isAuthor ? "Comment deleted successfully" : "Comment removed successfully",
      invalidates: clipCountsChanged(row.clipId),
    };
  });
}

/** Counters move by the difference from the previous vote, and the author's karma by the same amount, once. */
export async function voteComment(deps: Writer, voter: Principal, id: string, vote: -1 | 0 | 1): Promise<void> {
  const userId = voter.userId;
  await mutate(deps, async (tx) => {
    const row = await lockComment(tx, id);
    if (!row) throw new AppError("NOT_FOUND", "Comment not found");
    await requireVisibleClip(tx, row.clipId, voter);
    if (row.isRemoved) throw new AppError("INVALID_REQUEST", "Cannot vote on a deleted comment");
    const from = await findOwnVote(tx, userId, id);
    if (from !== vote) {
      await applyCommentVote(tx, { userId, commentId: id, from, to: vote });
      if (row.userId !== userId) {
        const amount = (vote - from) * KARMA_RULES.commentVote;
        await recordKarma(tx, { userId: row.userId, amount, source: "comment_vote", sourceId: id });
      }
    }
    // Comment scores are never cached.
    return { result: undefined, invalidates: [] };
  });
}

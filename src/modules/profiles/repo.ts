import { and, count, desc, eq, sql } from "drizzle-orm";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { clips, comments, votes } from "../../db/schema";
import { listedClips } from "../clips/feedable";
import { clipVisibleTo } from "../clips/visibility";
import { type ClipRow, clipColumns } from "../clips/wire";

interface Page {
  limit: number;
  offset: number;
}

/** A user's submissions, newest first; hidden ones only when the owner asks. */
export async function listSubmittedClips(db: Db, params: Page & { userId: string; includeHidden: boolean }) {
  const where = and(
    eq(clips.submittedByUserId, params.userId),
    eq(clips.isRemoved, false),
    params.includeHidden ? undefined : eq(clips.isHidden, false),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(clipColumns)
      .from(clips)
      .where(where)
      .orderBy(desc(clips.submittedAt), desc(clips.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(clips).where(where),
  ]);
  return { rows: rows as ClipRow[], total: total?.n ?? 0 };
}

/** Clips the user voted on in one direction, most recent vote first. */
export async function listVotedClips(db: Db, params: Page & { userId: string; vote: 1 | -1 }) {
  const where = and(eq(votes.userId, params.userId), eq(votes.voteType, params.vote), listedClips());
  const [rows, [total]] = await Promise.all([
    db
      .select(clipColumns)
      .from(votes)
      .innerJoin(clips, eq(clips.id, votes.clipId))
      .where(where)
      .orderBy(desc(votes.createdAt), desc(votes.clipId))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(votes).innerJoin(clips, eq(clips.id, votes.clipId)).where(where),
  ]);
  return { rows: rows as ClipRow[], total: total?.n ?? 0 };
}

/** The user's live comments on clips that still exist, newest first, with the viewer's vote on each. */
export async function listUserComments(db: Db, params: Page & { userId: string; viewer?: Principal }) {
  const viewerId = params.viewer?.userId;
  const where = and(eq(comments.userId, params.userId), eq(comments.isRemoved, false), clipVisibleTo(params.viewer));
  const userVote = viewerId
    ? sql<1 | -1 | null>`(select cv.vote_type from comment_votes cv
        where cv.comment_id = ${comments.id} and cv.user_id = ${viewerId}::uuid)`
    : sql<null>`null`;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: comments.id,
        clipId: comments.clipId,
        parentCommentId: comments.parentCommentId,
        content: comments.content,
        voteScore: comments.voteScore,
        replyCount: comments.replyCount,
        isRemoved: comments.isRemoved,
        removedReason: comments.removedReason,
        createdAt: comments.createdAt,
        updatedAt: comments.updatedAt,
        userVote,
      })
      .from(comments)
      .innerJoin(clips, eq(clips.id, comments.clipId))
      .where(where)
      .orderBy(desc(comments.createdAt), desc(comments.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(comments).innerJoin(clips, eq(clips.id, comments.clipId)).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

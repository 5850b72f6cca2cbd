import { and, count, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { clips, comments, commentVotes, users } from "../../db/schema";
import { commentOrder } from "./ordering";
import type { CommentSort } from "./schemas";
import { type CommentRow, commentColumns } from "./wire";

export const MAX_DEPTH = 10;
export const MAX_REPLIES_PER_LEVEL = 50;
// Caps one thread response however bushy the tree is; the recursion is breadth-first, so deep levels go first.
const MAX_TREE_NODES = 2000;

/** Top-level comments of a clip, or the direct replies of one comment. */
export type CommentScope = { clipId: string } | { parentId: string };

function scopeWhere(scope: CommentScope): SQL | undefined {
  return "parentId" in scope
    ? eq(comments.parentCommentId, scope.parentId)
    : and(eq(comments.clipId, scope.clipId), isNull(comments.parentCommentId));
}

function selectComments(db: Db) {
  return db.select(commentColumns).from(comments).innerJoin(users, eq(users.id, comments.userId));
}

export async function findComment(db: Db, id: string): Promise<CommentRow | undefined> {
  const [row] = await selectComments(db).where(eq(comments.id, id));
  return row;
}

/** One extra row tells whether another page exists. */
export async function listComments(
  db: Db,
  params: { scope: CommentScope; sort: CommentSort; limit: number; offset: number },
): Promise<{ rows: CommentRow[]; hasMore: boolean }> {
  const rows = await selectComments(db)
    .where(scopeWhere(params.scope))
    .orderBy(commentOrder(params.sort))
    .limit(params.limit + 1)
    .offset(params.offset);
  return { rows: rows.slice(0, params.limit), hasMore: rows.length > params.limit };
}

export async function countComments(db: Db, scope: CommentScope): Promise<number> {
  const [row] = await db.select({ total: count() }).from(comments).where(scopeWhere(scope));
  return row?.total ?? 0;
}

/**
 * Every descendant of the given comments in one query: a recursive CTE that takes at most MAX_REPLIES_PER_LEVEL
 * children per parent (in the requested order) at each level. Rows come back ordered by depth, then by the sort,
 * so a parent always precedes its children and siblings keep their order.
 */
export async function listDescendants(db: Db, rootIds: string[], sort: CommentSort): Promise<CommentRow[]> {
  if (rootIds.length === 0) return [];
  const childrenOf = (parentId: SQL) =>
    sql`select ${comments.id} as id from ${comments} where ${comments.parentCommentId} = ${parentId}
      order by ${commentOrder(sort)} limit ${MAX_REPLIES_PER_LEVEL}`;
  const treeIds = sql`with recursive tree(id) as (
      select child.id from (select ${comments.id} as id from ${comments} where ${inArray(comments.id, rootIds)}) root
        cross join lateral (${childrenOf(sql`root.id`)}) child
      union all
      select child.id from tree cross join lateral (${childrenOf(sql`tree.id`)}) child
    ) select id from tree limit ${MAX_TREE_NODES}`;
  return selectComments(db).where(sql`${comments.id} in (${treeIds})`).orderBy(comments.depth, commentOrder(sort));
}

export async function findViewerVotes(db: Db, userId: string, commentIds: string[]): Promise<Map<string, 1 | -1>> {
  if (commentIds.length === 0) return new Map();
  const rows = await db
    .select({ commentId: commentVotes.commentId, voteType: commentVotes.voteType })
    .from(commentVotes)
    .where(and(eq(commentVotes.userId, userId), inArray(commentVotes.commentId, commentIds)));
  return new Map(rows.map((r) => [r.commentId, r.voteType as 1 | -1]));
}

// Counter changes are not edits: updated_at doubles as the SPA's edited_at.
const keepUpdatedAt = sql`${comments.updatedAt}`;

export async function incrementReplyCount(tx: Db, commentId: string): Promise<void> {
  await tx
    .update(comments)
    .set({ replyCount: sql`${comments.replyCount} + 1`, updatedAt: keepUpdatedAt })
    .where(eq(comments.id, commentId));
}

/** Locks the comment row for the rest of the transaction, so its counters change one writer at a time. */
export async function lockComment(tx: Db, id: string) {
  const [row] = await tx.select().from(comments).where(eq(comments.id, id)).for("update");
  return row;
}

export async function adjustClipCommentCount(tx: Db, clipId: string, delta: number): Promise<void> {
  await tx
    .update(clips)
    .set({ commentCount: sql`${clips.commentCount} + ${delta}` })
    .where(eq(clips.id, clipId));
}

export async function insertComment(tx: Db, values: typeof comments.$inferInsert): Promise<string> {
  const [row] = await tx.insert(comments).values(values).returning({ id: comments.id });
  return row!.id;
}

export async function updateComment(
  tx: Db,
  id: string,
  patch: Pick<Partial<typeof comments.$inferInsert>, "content" | "isEdited" | "isRemoved" | "removedReason">,
): Promise<void> {
  await tx.update(comments).set(patch).where(eq(comments.id, id));
}

export async function findOwnVote(tx: Db, userId: string, commentId: string): Promise<number> {
  const [row] = await tx
    .select({ voteType: commentVotes.voteType })
    .from(commentVotes)
    .where(and(eq(commentVotes.userId, userId), eq(commentVotes.commentId, commentId)));
  return row?.voteType ?? 0;
}

/** Stores the new vote (0 deletes it) and moves the comment's counters by the difference from the old one. */
export async function applyCommentVote(tx: Db, p: { userId: string; commentId: string; from: number; to: number }) {
  const key = and(eq(commentVotes.userId, p.userId), eq(commentVotes.commentId, p.commentId));
  if (p.to === 0) await tx.delete(commentVotes).where(key);
  else if (p.from === 0)
    await tx.insert(commentVotes).values({ userId: p.userId, commentId: p.commentId, voteType: p.to });
  else await tx.update(commentVotes).set({ voteType: p.to }).where(key);

  const ups = Number(p.to === 1) - Number(p.from === 1);
  const downs = Number(p.to === -1) - Number(p.from === -1);
  await tx
    .update(comments)
    .set({
      voteScore: sql`${comments.voteScore} + ${p.to - p.from}`,
      upvoteCount: sql`${comments.upvoteCount} + ${ups}`,
      downvoteCount: sql`${comments.downvoteCount} + ${downs}`,
      updatedAt: keepUpdatedAt,
    })
    .where(eq(comments.id, p.commentId));
}

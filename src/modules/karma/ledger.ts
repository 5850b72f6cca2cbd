import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { invalidateOnCommit } from "../../db/mutation";
import { karmaHistory, users } from "../../db/schema";
import { scopes } from "../../platform/cache/scopes";

/** Every karma source and its amount live here; nothing else changes karma_points. */
export const KARMA_RULES = {
  comment: 1,
  commentDeleted: -1,
  clipVote: 1,
  commentVote: 1,
  submissionApproved: 10,
  submissionRejected: -5,
} as const;

export type KarmaSource =
  | "initial"
  | "comment"
  | "comment_deleted"
  | "clip_vote"
  | "comment_vote"
  | "submission_approved"
  | "submission_rejected"
  | "admin_adjustment";

/**
 * Appends a ledger row and moves users.karma_points by the same amount in the caller's transaction,
 * so karma_points always equals the sum of karma_history.
 */
export async function recordKarma(
  tx: Db,
  entry: { userId: string; amount: number; source: KarmaSource; sourceId?: string | null },
): Promise<void> {
  if (entry.amount === 0) return;
  await tx.insert(karmaHistory).values({
    userId: entry.userId,
    amount: entry.amount,
    source: entry.source,
    sourceId: entry.sourceId ?? null,
  });
  await tx
    .update(users)
    .set({ karmaPoints: sql`${users.karmaPoints} + ${entry.amount}` })
    .where(eq(users.id, entry.userId));
  invalidateOnCommit(tx, scopes.user(entry.userId));
}

import { and, eq, sql } from "drizzle-orm";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { clips, votes } from "../../db/schema";
import { lockVisibleClip } from "../clips/visibility";
import { KARMA_RULES, recordKarma } from "../karma/ledger";
import { isVoteMilestone, queueNotification } from "../notifications/events";
import { writeOutbox } from "../outbox/repo";

export type VoteValue = 1 | -1 | 0;

export interface VoteInput {
  voter: Principal;
  clipId: string;
  vote: VoteValue;
}

export interface VoteResult {
  voteScore: number;
  upvoteCount: number;
  downvoteCount: number;
  userVote: VoteValue;
}

/**
 * Sets the viewer's vote (0 removes it). The clip row lock serialises every vote on one clip, so the counters move by
 * the exact old→new delta, and the submitter's karma moves by the same delta (never the voter's, never twice).
 */
export async function applyVote(tx: Db, input: VoteInput): Promise<VoteResult> {
  const { clipId, vote } = input;
  const userId = input.voter.userId;
  const clip = await lockVisibleClip(tx, clipId, input.voter);
  const [existing] = await tx
    .select({ voteType: votes.voteType })
    .from(votes)
    .where(and(eq(votes.userId, userId), eq(votes.clipId, clipId)));
  const previous = (existing?.voteType ?? 0) as VoteValue;
  const counts = { voteScore: clip.voteScore, upvoteCount: clip.upvoteCount, downvoteCount: clip.downvoteCount };
  if (previous === vote) return { ...counts, userVote: vote };

  if (vote === 0) await tx.delete(votes).where(and(eq(votes.userId, userId), eq(votes.clipId, clipId)));
  else if (previous === 0) await tx.insert(votes).values({ userId, clipId, voteType: vote });
  else
    await tx
      .update(votes)
      .set({ voteType: vote })
      .where(and(eq(votes.userId, userId), eq(votes.clipId, clipId)));

  const delta = vote - previous;
  const upDelta = Number(vote === 1) - Number(previous === 1);
  const downDelta = Number(vote === -1) - Number(previous === -1);
  const [updated] = await tx
    .update(clips)
    .set({
      voteScore: sql`${clips.voteScore} + ${delta}`,
      upvoteCount: sql`${clips.upvoteCount} + ${upDelta}`,
      downvoteCount: sql`${clips.downvoteCount} + ${downDelta}`,
    })
    .where(eq(clips.id, clipId))
    .returning({ voteScore: clips.voteScore, upvoteCount: clips.upvoteCount, downvoteCount: clips.downvoteCount });

  if (clip.submittedByUserId && clip.submittedByUserId !== userId) {
    await recordKarma(tx, {
      userId: clip.submittedByUserId,
      amount: delta * KARMA_RULES.clipVote,
      source: "clip_vote",
      sourceId: clipId,
    });
  }
  await writeOutbox(tx, { aggregateType: "clip", aggregateId: clipId });
  if (delta > 0 && clip.submittedByUserId && isVoteMilestone(updated!.voteScore)) {
    await queueNotification(tx, "clip", clipId);
  }
  return { ...updated!, userVote: vote };
}

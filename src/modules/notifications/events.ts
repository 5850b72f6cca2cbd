import type { Db } from "../../db/client";
import { writeOutbox } from "../outbox/repo";

/**
 * What a notification job reads to find out what happened: a reply or a moderator's removal (comment), a vote
 * milestone or a removal (clip), a review (submission), new followers (user, the one followed).
 */
export type NotificationSubject = "clip" | "comment" | "submission" | "user";

/** Call inside the transaction that makes the change: the worker derives and writes the notification later. */
export function queueNotification(tx: Db, subject: NotificationSubject, id: string): Promise<void> {
  return writeOutbox(tx, { aggregateType: subject, aggregateId: id, topics: ["notify"] });
}

/** Clip scores worth telling the submitter about; a vote that lands exactly on one queues the event. */
export const VOTE_MILESTONES = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

export const isVoteMilestone = (score: number) => (VOTE_MILESTONES as readonly number[]).includes(score);

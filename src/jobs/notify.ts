import type { Db } from "../db/client";
import { notifyClip, notifyComment, notifyFollowers, notifySubmission } from "../modules/notifications/producers";
import type { Processor } from "../platform/jobs/jobs";
import { processorFor } from "./queues";

type NotifyJob = "notify-clip" | "notify-comment" | "notify-submission" | "notify-user";

/** The "notifications" queue: each job re-reads its row and writes deduplicated notifications (producers.ts). */
export function createNotificationProcessors(db: Db): Record<NotifyJob, Processor> {
  return {
    "notify-clip": processorFor("notify-clip", ({ id }) => notifyClip(db, id)),
    "notify-comment": processorFor("notify-comment", ({ id }) => notifyComment(db, id)),
    "notify-submission": processorFor("notify-submission", ({ id }) => notifySubmission(db, id)),
    "notify-user": processorFor("notify-user", ({ id }) => notifyFollowers(db, id)),
  };
}

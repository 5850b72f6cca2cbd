import { eq, inArray } from "drizzle-orm";
import { AppError } from "../../core/errors";
import { mutate, type Writer } from "../../db/mutation";
import { clipSubmissions } from "../../db/schema";
import { scopes } from "../../platform/cache/scopes";
import { writeAudit } from "../audit/repo";
import { KARMA_RULES, recordKarma } from "../karma/ledger";
import { queueNotification } from "../notifications/events";
import { ALREADY_IN_DATABASE, publishSubmission } from "../submissions/publish";
import { isUniqueViolation } from "../submissions/repo";

export type Review = { decision: "approve" } | { decision: "reject"; reason: string };

/**
 * Reviews pending submissions all or nothing: any id missing is a 404 and any already reviewed a 409.
 * Each review pays or docks the submitter's karma and writes its audit row in the same transaction.
 */
export async function reviewSubmissions(deps: Writer, p: { ids: string[]; reviewerId: string; review: Review }) {
  const ids = [...new Set(p.ids.map((id) => id.toLowerCase()))];
  return mutate(deps, async (tx) => {
    const rows = await tx
      .select()
      .from(clipSubmissions)
      .where(inArray(clipSubmissions.id, ids))
      .orderBy(clipSubmissions.createdAt)
      .for("update");
    if (rows.length !== ids.length) throw new AppError("NOT_FOUND", "Submission not found");
    const reviewed = rows.find((r) => r.status !== "pending");
    if (reviewed) throw new AppError("CONFLICT", `Submission ${reviewed.id} has already been ${reviewed.status}`);
    for (const row of rows) {
      if (p.review.decision === "approve") {
        await publishSubmission(tx, row, p.reviewerId);
      } else {
        await tx
          .update(clipSubmissions)
          .set({
            status: "rejected",
            rejectionReason: p.review.reason,
            reviewedBy: p.reviewerId,
            reviewedAt: new Date(),
          })
          .where(eq(clipSubmissions.id, row.id));
        await recordKarma(tx, {
          userId: row.userId,
          amount: KARMA_RULES.submissionRejected,
          source: "submission_rejected",
          sourceId: row.id,
        });
      }
      await queueNotification(tx, "submission", row.id);
      await writeAudit(tx, {
        actorId: p.reviewerId,
        action: `submission.${p.review.decision}`,
        targetType: "clip_submission",
        targetId: row.id,
        reason: p.review.decision === "reject" ? p.review.reason : null,
        metadata: { twitch_clip_id: row.twitchClipId, submitter_id: row.userId, bulk: ids.length > 1 },
      });
    }
    // An approval publishes clips onto the feeds; a rejection changes nothing cached.
    return { result: rows.length, invalidates: p.review.decision === "approve" ? [scopes.feeds] : [] };
  }).catch((err) => {
    // Someone else's submission of the same clip was published concurrently.
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", ALREADY_IN_DATABASE);
    throw err;
  });
}

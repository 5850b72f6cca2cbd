import { and, count, eq, gte, ilike, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import { AppError } from "../../core/errors";
import type { Db } from "../../db/client";
import { clipSubmissions, type SubmissionStatus, users } from "../../db/schema";
import { writeAudit } from "../audit/repo";
import { KARMA_RULES, recordKarma } from "../karma/ledger";
import { queueNotification } from "../notifications/events";
import { ALREADY_IN_DATABASE, publishSubmission } from "../submissions/publish";
import { isUniqueViolation } from "../submissions/repo";

export interface QueueFilters {
  status: SubmissionStatus;
  is_nsfw?: "true" | "false";
  broadcaster?: string;
  creator?: string;
  tags: string[];
  start_date?: Date;
  end_date?: Date;
  page: number;
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

function queueWhere(f: QueueFilters) {
  const conditions: SQL[] = [eq(clipSubmissions.status, f.status)];
  if (f.is_nsfw) conditions.push(eq(clipSubmissions.isNsfw, f.is_nsfw === "true"));
  if (f.broadcaster) {
    const pattern = `%${escapeLike(f.broadcaster)}%`;
    conditions.push(
      or(ilike(clipSubmissions.broadcasterName, pattern), ilike(clipSubmissions.broadcasterNameOverride, pattern))!,
    );
  }
  if (f.creator) conditions.push(ilike(clipSubmissions.creatorName, `%${escapeLike(f.creator)}%`));
  if (f.tags.length)
    conditions.push(
      sql`${clipSubmissions.tags} @> array[${sql.join(
        f.tags.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]`,
    );
  if (f.start_date) conditions.push(gte(clipSubmissions.createdAt, f.start_date));
  if (f.end_date) conditions.push(lte(clipSubmissions.createdAt, f.end_date));
  return and(...conditions);
}

/** Oldest first: the queue is worked in arrival order. */
export async function listQueue(db: Db, f: QueueFilters) {
  const where = queueWhere(f);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        submission: clipSubmissions,
        user: {
          id: users.id,
          username: users.username,
          displayName: users.displayName,
          avatarUrl: users.avatarUrl,
          karmaPoints: users.karmaPoints,
          role: users.role,
        },
      })
      .from(clipSubmissions)
      .leftJoin(users, eq(users.id, clipSubmissions.userId))
      .where(where)
      .orderBy(clipSubmissions.createdAt, clipSubmissions.id)
      .limit(f.limit)
      .offset((f.page - 1) * f.limit),
    db.select({ n: count() }).from(clipSubmissions).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export type Review = { decision: "approve" } | { decision: "reject"; reason: string };

/**
 * Reviews pending submissions all or nothing: any id missing is a 404 and any already reviewed a 409.
 * Each review pays or docks the submitter's karma and writes its audit row in the same transaction.
 */
export async function reviewSubmissions(db: Db, p: { ids: string[]; reviewerId: string; review: Review }) {
  const ids = [...new Set(p.ids.map((id) => id.toLowerCase()))];
  return db
    .transaction(async (tx) => {
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
      return rows.length;
    })
    .catch((err) => {
      // Someone else's submission of the same clip was published concurrently.
      if (isUniqueViolation(err)) throw new AppError("CONFLICT", ALREADY_IN_DATABASE);
      throw err;
    });
}

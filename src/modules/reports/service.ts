import { AppError } from "../../core/errors";
import type { Db } from "../../db/client";
import { mutate, type Writer } from "../../db/mutation";
import { writeAudit } from "../audit/repo";
import {
  findReport,
  insertReport,
  markReviewed,
  type ReportReason,
  type ReportStatus,
  type ReportType,
  reportTargetExists,
} from "./repo";

export async function createReport(
  db: Db,
  p: { reporterId: string; type: ReportType; id: string; reason: ReportReason; description: string | null },
) {
  if (p.type === "user" && p.id === p.reporterId) throw new AppError("INVALID_REQUEST", "You cannot report yourself");
  if (!(await reportTargetExists(db, p.type, p.id))) throw new AppError("NOT_FOUND", `Reported ${p.type} not found`);
  const report = await insertReport(db, {
    reporterId: p.reporterId,
    reportableType: p.type,
    reportableId: p.id,
    reason: p.reason,
    description: p.description,
  });
  if (!report) throw new AppError("CONFLICT", "You have already reported this content");
  return report;
}

/**
 * Every review lands in the audit log in the same transaction. `pendingOnly` (the moderation console's decisions)
 * refuses a report someone has already reviewed.
 */
export async function reviewReport(
  deps: Writer,
  p: {
    id: string;
    reviewerId: string;
    status: ReportStatus;
    action: string | null;
    reason?: string | null;
    pendingOnly?: boolean;
  },
): Promise<void> {
  await mutate(deps, async (tx) => {
    const report = await findReport(tx, p.id, true);
    if (!report) throw new AppError("NOT_FOUND", "Report not found");
    if (p.pendingOnly && report.status !== "pending") {
      throw new AppError("CONFLICT", "This item has already been reviewed");
    }
    await markReviewed(tx, p.id, p);
    await writeAudit(tx, {
      actorId: p.reviewerId,
      action: "report.review",
      targetType: "report",
      targetId: p.id,
      reason: p.reason,
      metadata: {
        previous_status: report.status,
        status: p.status,
        action: p.action,
        reportable_type: report.reportableType,
        reportable_id: report.reportableId,
      },
    });
    // Reports are never cached.
    return { result: undefined, invalidates: [] };
  });
}

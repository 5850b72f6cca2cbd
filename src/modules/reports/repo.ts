import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  clips,
  comments,
  type REPORT_REASONS,
  type REPORT_STATUSES,
  type REPORT_TYPES,
  reports,
  users,
} from "../../db/schema";

export type ReportRow = typeof reports.$inferSelect;
export type ReportType = (typeof REPORT_TYPES)[number];
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ReportReason = (typeof REPORT_REASONS)[number];

const TARGETS = { clip: clips, comment: comments, user: users } as const;

export async function reportTargetExists(db: Db, type: ReportType, id: string): Promise<boolean> {
  const table = TARGETS[type];
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.id, id)).limit(1);
  return !!row;
}

/** Undefined when this reporter has already reported the target (unique index). */
export async function insertReport(db: Db, values: typeof reports.$inferInsert): Promise<ReportRow | undefined> {
  const [row] = await db.insert(reports).values(values).onConflictDoNothing().returning();
  return row;
}

export async function listReports(
  db: Db,
  p: { status?: ReportStatus; type?: ReportType; limit: number; offset: number },
) {
  const conditions: SQL[] = [];
  if (p.status) conditions.push(eq(reports.status, p.status));
  if (p.type) conditions.push(eq(reports.reportableType, p.type));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(reports)
      .where(where)
      .orderBy(desc(reports.createdAt), desc(reports.id))
      .limit(p.limit)
      .offset(p.offset),
    db.select({ n: count() }).from(reports).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findReport(db: Db, id: string, lock = false): Promise<ReportRow | undefined> {
  const query = db.select().from(reports).where(eq(reports.id, id));
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

export async function markReviewed(
  tx: Db,
  id: string,
  p: { status: ReportStatus; action: string | null; reviewerId: string },
): Promise<void> {
  await tx
    .update(reports)
    .set({ status: p.status, action: p.action, reviewedBy: p.reviewerId, reviewedAt: new Date() })
    .where(eq(reports.id, id));
}

/** Wire shape of a report (the original's `models.Report`, plus the moderator's action). */
export function toWireReport(row: ReportRow) {
  return {
    id: row.id,
    reporter_id: row.reporterId,
    reportable_type: row.reportableType,
    reportable_id: row.reportableId,
    reason: row.reason,
    description: row.description,
    status: row.status,
    action: row.action,
    reviewed_by: row.reviewedBy,
    reviewed_at: row.reviewedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

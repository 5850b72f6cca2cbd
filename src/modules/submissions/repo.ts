import { and, count, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { clipSubmissions, clips, users } from "../../db/schema";
import type { SubmissionRow } from "./wire";

export const isUniqueViolation = (err: unknown): boolean => {
  const codeOf = (e: unknown) => (e && typeof e === "object" && "code" in e ? e.code : undefined);
  return codeOf(err) === "23505" || codeOf((err as { cause?: unknown } | null)?.cause) === "23505";
};

export async function findSubmitter(db: Db, userId: string) {
  const [row] = await db
    .select({ karmaPoints: users.karmaPoints, role: users.role })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/** Serialises one user's submissions (rate limit check + insert) across connections until the transaction ends. */
export async function lockSubmitter(tx: Db, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`submissions:${userId}`}, 0))`);
}

/** The creation times of a user's newest `limit` submissions since `since`, newest first. */
export async function recentSubmissionTimes(db: Db, p: { userId: string; since: Date; limit: number }) {
  const rows = await db
    .select({ createdAt: clipSubmissions.createdAt })
    .from(clipSubmissions)
    .where(and(eq(clipSubmissions.userId, p.userId), gt(clipSubmissions.createdAt, p.since)))
    .orderBy(desc(clipSubmissions.createdAt))
    .limit(p.limit);
  return rows.map((r) => r.createdAt);
}

export async function findClipBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({
      id: clips.id,
      title: clips.title,
      broadcasterName: clips.broadcasterName,
      gameName: clips.gameName,
      viewCount: clips.viewCount,
      createdAt: clips.createdAt,
      submittedByUserId: clips.submittedByUserId,
      isRemoved: clips.isRemoved,
    })
    .from(clips)
    .where(eq(clips.twitchClipId, slug));
  return row;
}

/** The live (pending or approved) submission of a clip if any, else its latest rejected one. */
export async function findLatestSubmission(db: Db, slug: string): Promise<SubmissionRow | undefined> {
  const [row] = await db
    .select()
    .from(clipSubmissions)
    .where(eq(clipSubmissions.twitchClipId, slug))
    .orderBy(sql`${clipSubmissions.status} in ('pending', 'approved') desc`, desc(clipSubmissions.createdAt))
    .limit(1);
  return row;
}

export async function insertSubmission(tx: Db, values: typeof clipSubmissions.$inferInsert): Promise<SubmissionRow> {
  const [row] = await tx.insert(clipSubmissions).values(values).returning();
  return row!;
}

export async function listUserSubmissions(db: Db, p: { userId: string; page: number; limit: number }) {
  const where = eq(clipSubmissions.userId, p.userId);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(clipSubmissions)
      .where(where)
      .orderBy(desc(clipSubmissions.createdAt), desc(clipSubmissions.id))
      .limit(p.limit)
      .offset((p.page - 1) * p.limit),
    db.select({ n: count() }).from(clipSubmissions).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function submissionStats(db: Db, userId: string) {
  const [row] = await db
    .select({
      total: count(),
      approved: count(sql`case when ${clipSubmissions.status} = 'approved' then 1 end`),
      rejected: count(sql`case when ${clipSubmissions.status} = 'rejected' then 1 end`),
      pending: count(sql`case when ${clipSubmissions.status} = 'pending' then 1 end`),
    })
    .from(clipSubmissions)
    .where(eq(clipSubmissions.userId, userId));
  const s = row ?? { total: 0, approved: 0, rejected: 0, pending: 0 };
  const reviewed = s.approved + s.rejected;
  return {
    user_id: userId,
    total_submissions: s.total,
    approved_count: s.approved,
    rejected_count: s.rejected,
    pending_count: s.pending,
    // Percent of reviewed submissions approved, two decimals; pending ones do not count against the user.
    approval_rate: reviewed ? Math.round((s.approved / reviewed) * 10_000) / 100 : 0,
  };
}

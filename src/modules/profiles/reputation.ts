import { desc, eq, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { karmaHistory } from "../../db/schema";
import type { KarmaSource } from "../karma/ledger";

const CLIP_SOURCES: KarmaSource[] = ["clip_vote", "submission_approved", "submission_rejected"];
const COMMENT_SOURCES: KarmaSource[] = ["comment", "comment_deleted", "comment_vote"];

const inList = (sources: KarmaSource[]) =>
  sql.join(
    sources.map((s) => sql`${s}`),
    sql`, `,
  );

/** Breakdown by ledger source; total is the whole ledger (initial grant and admin adjustments included). */
export async function karmaBreakdown(db: Db, userId: string) {
  const [row] = await queryRows<{ clip_karma: number; comment_karma: number; total_karma: number }>(
    db,
    sql`select
        coalesce(sum(amount) filter (where source in (${inList(CLIP_SOURCES)})), 0)::int as clip_karma,
        coalesce(sum(amount) filter (where source in (${inList(COMMENT_SOURCES)})), 0)::int as comment_karma,
        coalesce(sum(amount), 0)::int as total_karma
      from karma_history where user_id = ${userId}::uuid`,
  );
  return {
    clip_karma: Number(row?.clip_karma ?? 0),
    comment_karma: Number(row?.comment_karma ?? 0),
    total_karma: Number(row?.total_karma ?? 0),
  };
}

export async function karmaLedger(db: Db, userId: string, limit: number) {
  const rows = await db
    .select()
    .from(karmaHistory)
    .where(eq(karmaHistory.userId, userId))
    .orderBy(desc(karmaHistory.createdAt), desc(karmaHistory.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    user_id: r.userId,
    amount: r.amount,
    source: r.source,
    source_id: r.sourceId,
    created_at: r.createdAt.toISOString(),
  }));
}

/** Reports the user filed that moderators acted on (correct) or dismissed (incorrect). */
export async function reportAccuracy(db: Db, userId: string) {
  const [row] = await queryRows<{ correct: number; incorrect: number }>(
    db,
    sql`select count(*) filter (where status = 'actioned')::int as correct,
          count(*) filter (where status = 'dismissed')::int as incorrect
        from reports where reporter_id = ${userId}::uuid`,
  );
  return { correct: Number(row?.correct ?? 0), incorrect: Number(row?.incorrect ?? 0) };
}

/**
 * Anchor §7, integer arithmetic: min(age_days/18, 20) + min(karma/250, 40) + 20·correct/(correct+incorrect)
 * + min(comments/10 + votes/100 + days_active/5, 20), halved for a banned user. Computed on read, never stored.
 */
export function trustScore(input: {
  createdAt: Date;
  karma: number;
  isBanned: boolean;
  correctReports: number;
  incorrectReports: number;
  comments: number;
  votes: number;
  daysActive: number;
}): number {
  const ageDays = Math.max(Math.floor((Date.now() - input.createdAt.getTime()) / 86_400_000), 0);
  const reports = input.correctReports + input.incorrectReports;
  const score =
    Math.min(Math.floor(ageDays / 18), 20) +
    Math.min(Math.floor(Math.max(input.karma, 0) / 250), 40) +
    (reports ? Math.floor((20 * input.correctReports) / reports) : 0) +
    Math.min(Math.floor(input.comments / 10) + Math.floor(input.votes / 100) + Math.floor(input.daysActive / 5), 20);
  return Math.min(Math.max(input.isBanned ? Math.floor(score / 2) : score, 0), 100);
}

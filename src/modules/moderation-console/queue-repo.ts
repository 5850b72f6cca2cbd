import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import type { ReportStatus, ReportType } from "../reports/repo";
import { QUEUE_STATUS, type QueueItem, type QueueStats, type QueueStatus } from "./schemas";

/**
 * The console's queue is the reports table: one item per report, ranked by how grave its reason is and how many
 * people reported the same content (each further report adds 10, up to 100).
 */
const RANKED = sql`select r.*,
    count(*) over target as report_count,
    array_agg(r.reporter_id) over target as reported_by,
    least(100, (case r.reason when 'harassment' then 75 when 'violence' then 75 when 'nsfw' then 50
      when 'copyright' then 50 else 25 end) + 10 * (count(*) over target - 1))::int as priority
  from reports r
  window target as (partition by r.reportable_type, r.reportable_id)`;

const STATUS_OF = Object.fromEntries(Object.entries(QUEUE_STATUS).map(([k, v]) => [v, k])) as Record<
  ReportStatus,
  QueueStatus
>;

interface RankedRow {
  id: string;
  reportable_type: QueueItem["content_type"];
  reportable_id: string;
  reason: QueueItem["reason"];
  description: string | null;
  status: ReportStatus;
  reviewed_by: string | null;
  reviewed_at: Date | string | null;
  created_at: Date | string;
  report_count: number | string;
  reported_by: string[];
  priority: number;
}

const iso = (v: Date | string) => new Date(v).toISOString();

function toQueueItem(r: RankedRow): QueueItem {
  return {
    id: r.id,
    content_type: r.reportable_type,
    content_id: r.reportable_id,
    reason: r.reason,
    description: r.description,
    priority: r.priority,
    status: STATUS_OF[r.status],
    reported_by: r.reported_by,
    report_count: Number(r.report_count),
    auto_flagged: false,
    created_at: iso(r.created_at),
    reviewed_at: r.reviewed_at ? iso(r.reviewed_at) : null,
    reviewed_by: r.reviewed_by,
  };
}

/** Highest priority first, then the longest waiting. */
export async function listQueue(db: Db, p: { status: QueueStatus; type?: ReportType; limit: number }) {
  const conditions: SQL[] = [sql`status = ${QUEUE_STATUS[p.status]}`];
  if (p.type) conditions.push(sql`reportable_type = ${p.type}`);
  const rows = await queryRows<RankedRow>(
    db,
    sql`select * from (${RANKED}) q where ${sql.join(conditions, sql` and `)}
      order by priority desc, created_at asc, id limit ${p.limit}`,
  );
  return rows.map(toQueueItem);
}

export async function queueStats(db: Db): Promise<QueueStats> {
  const [totals] = await queryRows<Omit<QueueStats, "by_content_type" | "by_reason">>(
    db,
    sql`select
        count(*) filter (where status = 'pending')::int as total_pending,
        count(*) filter (where status = 'dismissed')::int as total_approved,
        count(*) filter (where status = 'actioned')::int as total_rejected,
        count(*) filter (where status = 'reviewed')::int as total_escalated,
        0 as auto_flagged_count,
        count(*) filter (where status = 'pending')::int as user_reported_count,
        count(*) filter (where status = 'pending' and priority >= 75)::int as high_priority_count,
        (extract(epoch from now() - min(created_at) filter (where status = 'pending')) / 3600)::float8
          as oldest_pending_age_hours
      from (${RANKED}) q`,
  );
  const tally = async (column: SQL) =>
    Object.fromEntries(
      (
        await queryRows<{ name: string; n: number }>(
          db,
          sql`select ${column} as name, count(*)::int as n from reports where status = 'pending' group by 1`,
        )
      ).map((r) => [r.name, r.n]),
    );
  const [byType, byReason] = await Promise.all([tally(sql.raw("reportable_type")), tally(sql.raw("reason"))]);
  return { ...totals!, by_content_type: byType, by_reason: byReason };
}

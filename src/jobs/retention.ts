import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/client";
import { type PeriodicJob, type PeriodicOptions, startPeriodic } from "./periodic";

/** Days each kind of row is kept after it is done with; 0 keeps it forever. */
export interface RetentionDays {
  /** Outbox rows after the relay processed them. */
  outbox: number;
  /** Refresh tokens after they expired or were revoked (reuse detection needs recent revoked ones). */
  refreshTokens: number;
  /** Search analytics and history. */
  searchQueries: number;
}

export type RetentionCounts = Record<keyof RetentionDays, number>;

/** Rows per statement: each delete holds its locks briefly, and a large backlog goes in many small steps. */
export const RETENTION_BATCH = 1000;
const DAY_MS = 86_400_000;

/** Per kind: the table and the rows of it older than `cutoff`. */
const EXPIRED: Record<keyof RetentionDays, { table: SQL; rows: (cutoff: string) => SQL }> = {
  outbox: {
    table: sql.raw("outbox"),
    rows: (cutoff) =>
      sql`select id from outbox where processed_at is not null and processed_at < ${cutoff}::timestamptz`,
  },
  refreshTokens: {
    table: sql.raw("refresh_tokens"),
    rows: (cutoff) =>
      sql`select id from refresh_tokens where expires_at < ${cutoff}::timestamptz or revoked_at < ${cutoff}::timestamptz`,
  },
  searchQueries: {
    table: sql.raw("search_queries"),
    rows: (cutoff) => sql`select id from search_queries where created_at < ${cutoff}::timestamptz`,
  },
};

/** Deletes, in batches, every row older than its retention; returns how many went per kind. */
export async function pruneExpiredRows(db: Db, days: RetentionDays, now = new Date()): Promise<RetentionCounts> {
  const counts: RetentionCounts = { outbox: 0, refreshTokens: 0, searchQueries: 0 };
  for (const kind of Object.keys(EXPIRED) as (keyof RetentionDays)[]) {
    if (days[kind] <= 0) continue;
    const cutoff = new Date(now.getTime() - days[kind] * DAY_MS).toISOString();
    for (;;) {
      // SKIP LOCKED: two instances pruning at once share the work instead of waiting on each other.
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`with gone as (delete from ${EXPIRED[kind].table} where id in (${EXPIRED[kind].rows(cutoff)}
            limit ${RETENTION_BATCH} for update skip locked) returning 1)
          select count(*)::int as n from gone`,
      );
      counts[kind] += row?.n ?? 0;
      if ((row?.n ?? 0) < RETENTION_BATCH) break;
    }
  }
  return counts;
}

/** Runs pruneExpiredRows every `intervalMs` (the worker; the API itself on the embedded default). */
export function startRetention(o: PeriodicOptions & { db: Db; days: RetentionDays }): PeriodicJob {
  return startPeriodic("retention", o, async () => {
    const deleted = await pruneExpiredRows(o.db, o.days);
    if (Object.values(deleted).some((n) => n > 0)) o.logger.info({ deleted }, "retention: old rows deleted");
  });
}

import { sql } from "drizzle-orm";
import { check, date, integer, jsonb, pgTable, primaryKey, timestamp, varchar } from "drizzle-orm/pg-core";

/** What the daily rollup counts per UTC day (src/modules/analytics/rollup.ts). */
export const DAILY_METRICS = ["users", "clips", "votes", "comments", "active_users"] as const;
export type DailyMetric = (typeof DAILY_METRICS)[number];

export const SNAPSHOT_NAMES = ["overview", "content"] as const;
export type SnapshotName = (typeof SNAPSHOT_NAMES)[number];

/** One row per metric and day, rewritten by each rollup run: the console reads these, never the source tables. */
export const analyticsDaily = pgTable(
  "analytics_daily",
  {
    metric: varchar({ length: 30 }).$type<DailyMetric>().notNull(),
    day: date({ mode: "string" }).notNull(),
    value: integer().notNull(),
    computedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.metric, t.day] }),
    check("analytics_daily_metric_check", sql`${t.metric} in ('users', 'clips', 'votes', 'comments', 'active_users')`),
  ],
);

/** The platform totals and the content rankings as of the last rollup, one JSON document each. */
export const analyticsSnapshots = pgTable(
  "analytics_snapshots",
  {
    name: varchar({ length: 30 }).$type<SnapshotName>().primaryKey(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    computedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [check("analytics_snapshots_name_check", sql`${t.name} in ('overview', 'content')`)],
);

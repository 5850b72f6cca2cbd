import { and, asc, eq, gte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { analyticsDaily, analyticsSnapshots, type DailyMetric, type SnapshotName } from "../../db/schema";

const DAY_MS = 86_400_000;

/** The last rollup's document of that name, or undefined before the first run. */
export async function readSnapshot(db: Db, name: SnapshotName) {
  const [row] = await db.select().from(analyticsSnapshots).where(eq(analyticsSnapshots.name, name));
  return row;
}

/** The `days` most recent rolled-up days of `metric`, oldest first (today included). */
export async function readTrend(db: Db, metric: DailyMetric, days: number, now = new Date()) {
  const first = new Date(Date.parse(now.toISOString().slice(0, 10)) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  return db
    .select({ date: analyticsDaily.day, value: analyticsDaily.value, computedAt: analyticsDaily.computedAt })
    .from(analyticsDaily)
    .where(and(eq(analyticsDaily.metric, metric), gte(analyticsDaily.day, first)))
    .orderBy(asc(analyticsDaily.day));
}

import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { clips, watchHistory } from "../../db/schema";
import { clipVisibleTo } from "../clips/visibility";
import { clipColumns } from "../clips/wire";

/** Watched this share of the clip or more: completed, as the original client counts it. */
export const COMPLETED_PERCENT = 90;
export const HISTORY_FILTERS = ["all", "completed", "in-progress"] as const;
export type HistoryFilter = (typeof HISTORY_FILTERS)[number];

const completed = sql`${watchHistory.progressSeconds} * 100 >= ${watchHistory.durationSeconds} * ${COMPLETED_PERCENT}`;
const FILTER: Record<HistoryFilter, SQL | undefined> = {
  all: undefined,
  completed,
  "in-progress": sql`not (${completed})`,
};

export const isCompleted = (progress: number, duration: number) => progress * 100 >= duration * COMPLETED_PERCENT;
/** Share of the clip watched, one decimal, at most 100. */
export const progressPercent = (progress: number, duration: number) =>
  Math.min(100, Math.round((progress / duration) * 1000) / 10);

/** One row per user and clip: the latest progress wins, and `watched_at` moves it to the top of the history. */
export async function recordProgress(
  db: Db,
  p: { userId: string; clipId: string; progressSeconds: number; durationSeconds: number; sessionId: string | null },
): Promise<void> {
  const values = { ...p, watchedAt: new Date() };
  await db
    .insert(watchHistory)
    .values(values)
    .onConflictDoUpdate({
      target: [watchHistory.userId, watchHistory.clipId],
      set: { ...values, updatedAt: new Date() },
    });
}

/** The viewer's history, newest first, leaving out clips they may no longer see. */
export async function listHistory(db: Db, p: { viewer: Principal; filter: HistoryFilter; limit: number }) {
  const where = and(eq(watchHistory.userId, p.viewer.userId), clipVisibleTo(p.viewer), FILTER[p.filter]);
  const [rows, [total]] = await Promise.all([
    db
      .select({ entry: watchHistory, clip: clipColumns })
      .from(watchHistory)
      .innerJoin(clips, eq(clips.id, watchHistory.clipId))
      .where(where)
      .orderBy(desc(watchHistory.watchedAt), desc(watchHistory.id))
      .limit(p.limit),
    db.select({ n: count() }).from(watchHistory).innerJoin(clips, eq(clips.id, watchHistory.clipId)).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findProgress(db: Db, userId: string, clipId: string) {
  const [row] = await db
    .select({ progressSeconds: watchHistory.progressSeconds, durationSeconds: watchHistory.durationSeconds })
    .from(watchHistory)
    .where(and(eq(watchHistory.userId, userId), eq(watchHistory.clipId, clipId)));
  return row;
}

export async function clearHistory(db: Db, userId: string): Promise<number> {
  const rows = await db.delete(watchHistory).where(eq(watchHistory.userId, userId)).returning({ id: watchHistory.id });
  return rows.length;
}

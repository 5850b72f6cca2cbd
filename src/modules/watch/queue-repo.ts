import { and, asc, count, eq, sql } from "drizzle-orm";
import { AppError } from "../../core/errors";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { clips, users, watchQueue } from "../../db/schema";
import { clipVisibleTo, requireVisibleClip } from "../clips/visibility";
import { clipColumns } from "../clips/wire";

export const MAX_QUEUE_ITEMS = 500;
export type QueueItemRow = typeof watchQueue.$inferSelect;

const visibleItems = (viewer: Principal) => and(eq(watchQueue.userId, viewer.userId), clipVisibleTo(viewer));

/** In queue order, leaving out clips the viewer may no longer see (the count leaves out the same). */
export async function listQueue(db: Db, viewer: Principal, limit: number) {
  const [rows, total] = await Promise.all([
    db
      .select({ item: watchQueue, clip: clipColumns })
      .from(watchQueue)
      .innerJoin(clips, eq(clips.id, watchQueue.clipId))
      .where(visibleItems(viewer))
      .orderBy(asc(watchQueue.position), asc(watchQueue.addedAt))
      .limit(limit),
    countQueue(db, viewer),
  ]);
  return { rows, total };
}

export async function countQueue(db: Db, viewer: Principal): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(watchQueue)
    .innerJoin(clips, eq(clips.id, watchQueue.clipId))
    .where(visibleItems(viewer));
  return row?.n ?? 0;
}

/** Positions are per user: every change to one queue takes the owner's row lock first, so they never collide. */
async function lockQueue(tx: Db, userId: string) {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
}

export async function insertQueueItem(tx: Db, p: { viewer: Principal; clipId: string; atEnd: boolean }) {
  const userId = p.viewer.userId;
  await lockQueue(tx, userId);
  await requireVisibleClip(tx, p.clipId, p.viewer);
  const [stats] = await tx
    .select({
      n: count(),
      first: sql<number | null>`min(${watchQueue.position})`,
      last: sql<number | null>`max(${watchQueue.position})`,
    })
    .from(watchQueue)
    .where(eq(watchQueue.userId, userId));
  if ((stats?.n ?? 0) >= MAX_QUEUE_ITEMS) {
    throw new AppError("CONFLICT", `Your queue is full (${MAX_QUEUE_ITEMS} clips)`);
  }
  const position = p.atEnd ? (stats?.last ?? -1) + 1 : (stats?.first ?? 1) - 1;
  const [item] = await tx
    .insert(watchQueue)
    .values({ userId, clipId: p.clipId, position })
    .onConflictDoNothing()
    .returning();
  if (!item) throw new AppError("CONFLICT", "Clip is already in your queue");
  return item;
}

/** Moves one item to `newPosition` (0-based, clamped) and renumbers the owner's queue densely. */
export async function moveQueueItem(tx: Db, userId: string, itemId: string, newPosition: number): Promise<boolean> {
  await lockQueue(tx, userId);
  const items = await tx
    .select({ id: watchQueue.id })
    .from(watchQueue)
    .where(eq(watchQueue.userId, userId))
    .orderBy(asc(watchQueue.position), asc(watchQueue.addedAt));
  const from = items.findIndex((i) => i.id === itemId);
  if (from === -1) return false;
  const ids = items.map((i) => i.id);
  ids.splice(from, 1);
  ids.splice(Math.min(newPosition, ids.length), 0, itemId);
  const values = sql.join(
    ids.map((id, position) => sql`(${id}::uuid, ${position}::int)`),
    sql`, `,
  );
  await tx.execute(sql`update watch_queue q set position = v.position, updated_at = now()
    from (values ${values}) as v(id, position) where q.id = v.id`);
  return true;
}

const own = (userId: string, itemId: string) => and(eq(watchQueue.id, itemId), eq(watchQueue.userId, userId));

export async function removeFromQueue(db: Db, userId: string, itemId: string): Promise<boolean> {
  const rows = await db.delete(watchQueue).where(own(userId, itemId)).returning({ id: watchQueue.id });
  return rows.length > 0;
}

export async function markPlayed(db: Db, userId: string, itemId: string): Promise<boolean> {
  const rows = await db
    .update(watchQueue)
    .set({ playedAt: new Date() })
    .where(own(userId, itemId))
    .returning({ id: watchQueue.id });
  return rows.length > 0;
}

export async function clearQueue(db: Db, userId: string): Promise<number> {
  const rows = await db.delete(watchQueue).where(eq(watchQueue.userId, userId)).returning({ id: watchQueue.id });
  return rows.length;
}

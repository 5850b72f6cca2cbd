import { and, count, desc, eq, inArray, isNotNull, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { accountDeletions, type NotificationType, notifications, users } from "../../db/schema";
import { deliverable } from "./preferences-repo";
import type { WireNotification } from "./schemas";

export type NewNotification = typeof notifications.$inferInsert & { type: NotificationType };
export const NOTIFICATION_FILTERS = ["all", "unread", "read"] as const;
export type NotificationFilter = (typeof NOTIFICATION_FILTERS)[number];

/**
 * Idempotent: a row whose (user, dedupe key) exists is skipped; accounts already deleted get nothing, and nobody gets
 * a kind they muted.
 */
export async function insertNotifications(db: Db, rows: NewNotification[]): Promise<void> {
  if (rows.length === 0) return;
  const gone = await db
    .select({ id: accountDeletions.userId })
    .from(accountDeletions)
    .where(
      and(
        inArray(
          accountDeletions.userId,
          rows.map((r) => r.userId),
        ),
        isNotNull(accountDeletions.completedAt),
      ),
    );
  const deleted = new Set(gone.map((g) => g.id));
  const live = await deliverable(
    db,
    rows.filter((r) => !deleted.has(r.userId)),
  );
  if (live.length) await db.insert(notifications).values(live).onConflictDoNothing();
}

export async function deleteByDedupeKey(db: Db, userId: string, dedupeKey: string): Promise<void> {
  await db.delete(notifications).where(and(eq(notifications.userId, userId), eq(notifications.dedupeKey, dedupeKey)));
}

const FILTER: Record<NotificationFilter, (userId: string) => SQL | undefined> = {
  all: (userId) => eq(notifications.userId, userId),
  unread: (userId) => and(eq(notifications.userId, userId), eq(notifications.isRead, false)),
  read: (userId) => and(eq(notifications.userId, userId), eq(notifications.isRead, true)),
};

/** Newest first, one row more than asked so the caller knows whether another page exists. */
export async function listNotifications(
  db: Db,
  p: { userId: string; filter: NotificationFilter; limit: number; offset: number },
) {
  const rows = await db
    .select({
      notification: notifications,
      sourceUsername: users.username,
      sourceDisplayName: users.displayName,
      sourceAvatarUrl: users.avatarUrl,
    })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.sourceUserId))
    .where(FILTER[p.filter](p.userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(p.limit + 1)
    .offset(p.offset);
  return { rows: rows.slice(0, p.limit), hasMore: rows.length > p.limit };
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(FILTER.unread(userId));
  return row?.n ?? 0;
}

/** Only the owner's row matches: another user's id is as absent as one that never existed. */
export async function markRead(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ isRead: true })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export async function markAllRead(db: Db, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ isRead: true })
    .where(FILTER.unread(userId))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function deleteNotification(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

type ListedRow = Awaited<ReturnType<typeof listNotifications>>["rows"][number];

/** The client's Notification type (frontend/src/types/notification.ts). */
export function toWireNotification(row: ListedRow): WireNotification {
  const n = row.notification;
  return {
    id: n.id,
    user_id: n.userId,
    type: n.type,
    title: n.title,
    message: n.message,
    link: n.link ?? undefined,
    is_read: n.isRead,
    created_at: n.createdAt.toISOString(),
    source_user_id: n.sourceUserId ?? undefined,
    source_content_id: n.sourceContentId ?? undefined,
    source_content_type: n.sourceContentType ?? undefined,
    source_username: row.sourceUsername ?? undefined,
    source_display_name: row.sourceDisplayName ?? undefined,
    source_avatar_url: row.sourceAvatarUrl ?? undefined,
  };
}

import { and, eq, isNull, sql } from "drizzle-orm";
import { AppError } from "../../core/errors";
import { type Db, queryRows } from "../../db/client";
import { accountDeletions, users } from "../../db/schema";
import { writeAudit } from "../audit/repo";
import { writeOutbox } from "../outbox/repo";

const DAY_MS = 86_400_000;
/** What the settings page asks the user to type (frontend/src/pages/SettingsPage.tsx). */
export const DELETE_CONFIRMATION = "DELETE MY ACCOUNT";

export async function pendingDeletion(db: Db, userId: string) {
  const [row] = await db
    .select()
    .from(accountDeletions)
    .where(and(eq(accountDeletions.userId, userId), isNull(accountDeletions.completedAt)));
  return row;
}

/** Nothing changes until the grace period is over, so a cancel restores everything by deleting the request. */
export async function requestDeletion(db: Db, p: { userId: string; reason: string | null; graceDays: number }) {
  const scheduledFor = new Date(Date.now() + p.graceDays * DAY_MS);
  const [row] = await db
    .insert(accountDeletions)
    .values({ userId: p.userId, reason: p.reason, scheduledFor })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError("CONFLICT", "Account deletion is already scheduled");
  return row;
}

export async function cancelDeletion(db: Db, userId: string): Promise<void> {
  const rows = await db
    .delete(accountDeletions)
    .where(and(eq(accountDeletions.userId, userId), isNull(accountDeletions.completedAt)))
    .returning({ userId: accountDeletions.userId });
  if (rows.length === 0) throw new AppError("NOT_FOUND", "No account deletion is scheduled");
}

const PERSONAL_TABLES = [
  "refresh_tokens",
  "user_settings",
  "notification_preferences",
  "watch_history",
  "watch_queue",
  "notifications",
  "broadcaster_follows",
  "game_follows",
  "search_queries",
];

/** Each reaction table a user's rows leave, with the playlist counter it feeds. */
const PLAYLIST_REACTIONS = [
  ["playlist_likes", "like_count"],
  ["playlist_bookmarks", "bookmark_count"],
] as const;

/**
 * Personal data goes (email, Twitch link, profile, sessions, settings, history, queue, notifications, follows,
 * favourites, playlists and the reactions they gave, search history); content stays under an anonymous name, so votes, scores and karma add up as before.
 * The counters the deleted rows fed move with them.
 */
async function anonymise(tx: Db, userId: string): Promise<void> {
  const u = sql`${userId}::uuid`;
  await tx.execute(sql`with gone as (delete from favorites where user_id = ${u} returning clip_id)
    update clips set favorite_count = favorite_count - 1 from gone where clips.id = gone.clip_id`);
  await tx.execute(sql`with gone as (delete from user_follows where follower_id = ${u} returning following_id)
    update users set follower_count = follower_count - 1 from gone where users.id = gone.following_id`);
  await tx.execute(sql`with gone as (delete from user_follows where following_id = ${u} returning follower_id)
    update users set following_count = following_count - 1 from gone where users.id = gone.follower_id`);
  for (const [reaction, column] of PLAYLIST_REACTIONS) {
    const counter = sql.identifier(column);
    await tx.execute(sql`with gone as (delete from ${sql.identifier(reaction)} where user_id = ${u} returning playlist_id)
      update playlists set ${counter} = ${counter} - 1 from gone where playlists.id = gone.playlist_id`);
  }
  // Playlists are the user's own curation, public ones included; their items and others' reactions cascade.
  await tx.execute(sql`delete from playlists where user_id = ${u}`);
  for (const table of PERSONAL_TABLES) {
    await tx.execute(sql`delete from ${sql.identifier(table)} where user_id = ${u}`);
  }
  await tx
    .update(users)
    .set({
      username: sql`'deleted_' || replace(${users.id}::text, '-', '')`,
      displayName: "[deleted]",
      email: null,
      twitchId: null,
      avatarUrl: null,
      bio: null,
      socialLinks: null,
      followerCount: 0,
      followingCount: 0,
      lastLoginAt: null,
    })
    .where(eq(users.id, userId));
  await tx
    .update(accountDeletions)
    .set({ completedAt: new Date(), reason: null })
    .where(eq(accountDeletions.userId, userId));
  await writeAudit(tx, { actorId: null, action: "account.delete", targetType: "user", targetId: userId });
  await writeOutbox(tx, { aggregateType: "user", aggregateId: userId });
}

/** Carries out every deletion whose grace period is over, one transaction each; returns how many were done. */
export async function runDueDeletions(db: Db, now = new Date()): Promise<number> {
  let done = 0;
  for (;;) {
    const completed = await db.transaction(async (tx) => {
      // SKIP LOCKED: instances running at once take different accounts; a cancel racing this one waits or wins.
      const [due] = await queryRows<{ user_id: string }>(
        tx,
        sql`select user_id from account_deletions where completed_at is null and scheduled_for <= ${now.toISOString()}::timestamptz
          order by scheduled_for limit 1 for update skip locked`,
      );
      if (!due) return false;
      await anonymise(tx, due.user_id);
      return true;
    });
    if (!completed) return done;
    done += 1;
  }
}

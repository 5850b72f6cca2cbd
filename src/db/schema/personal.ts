import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { clips } from "./clips";
import { createdAt, id, timestamps } from "./columns";
import { users } from "./users";

export const NOTIFICATION_TYPES = [
  "reply",
  "vote_milestone",
  "submission_approved",
  "submission_rejected",
  "new_follower",
  "content_removed",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

// Written by the notification jobs only; `dedupe_key` names the event, so a job run twice adds one row.
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: varchar({ length: 30 }).$type<NotificationType>().notNull(),
    title: varchar({ length: 200 }).notNull(),
    message: text().notNull(),
    link: varchar({ length: 500 }),
    isRead: boolean().notNull().default(false),
    sourceUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    sourceContentId: uuid(),
    sourceContentType: varchar({ length: 30 }),
    dedupeKey: varchar({ length: 200 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("notifications_user_dedupe_uq").on(t.userId, t.dedupeKey),
    index("notifications_user_created_idx").on(t.userId, t.createdAt.desc(), t.id.desc()),
    index("notifications_unread_idx").on(t.userId).where(sql`not is_read`),
  ],
);

export const PROFILE_VISIBILITIES = ["public", "private", "followers"] as const;
export type ProfileVisibility = (typeof PROFILE_VISIBILITIES)[number];

// A row only once the user changed something; until then the defaults apply.
export const userSettings = pgTable(
  "user_settings",
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    profileVisibility: varchar({ length: 20 }).$type<ProfileVisibility>().notNull().default("public"),
    showKarmaPublicly: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [check("user_settings_visibility_check", sql`${t.profileVisibility} in ('public', 'private', 'followers')`)],
);

// One row per user who asked: pending until `scheduled_for`, then the deletion job anonymises and stamps it.
export const accountDeletions = pgTable(
  "account_deletions",
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: varchar({ length: 1000 }),
    requestedAt: createdAt(),
    scheduledFor: timestamp({ withTimezone: true }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("account_deletions_due_idx").on(t.scheduledFor).where(sql`completed_at is null`)],
);

export const watchHistory = pgTable(
  "watch_history",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clipId: uuid()
      .notNull()
      .references(() => clips.id, { onDelete: "cascade" }),
    progressSeconds: integer().notNull(),
    durationSeconds: integer().notNull(),
    sessionId: varchar({ length: 100 }),
    watchedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("watch_history_user_clip_uq").on(t.userId, t.clipId),
    index("watch_history_user_watched_idx").on(t.userId, t.watchedAt.desc()),
    check("watch_history_progress_check", sql`${t.progressSeconds} >= 0 and ${t.durationSeconds} > 0`),
  ],
);

export const watchQueue = pgTable(
  "watch_queue",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clipId: uuid()
      .notNull()
      .references(() => clips.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    addedAt: createdAt(),
    playedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("watch_queue_user_clip_uq").on(t.userId, t.clipId),
    index("watch_queue_user_position_idx").on(t.userId, t.position),
  ],
);

import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { clips } from "./clips";
import { id, timestamps } from "./columns";
import { users } from "./users";

export const SUBMISSION_STATUSES = ["pending", "approved", "rejected"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const clipSubmissions = pgTable(
  "clip_submissions",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    twitchClipId: varchar({ length: 100 }).notNull(),
    twitchClipUrl: text().notNull(),
    title: varchar({ length: 255 }),
    customTitle: varchar({ length: 200 }),
    broadcasterNameOverride: varchar({ length: 100 }),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    isNsfw: boolean().notNull().default(false),
    submissionReason: varchar({ length: 1000 }),
    status: varchar({ length: 20 }).$type<SubmissionStatus>().notNull().default("pending"),
    rejectionReason: text(),
    reviewedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp({ withTimezone: true }),
    clipId: uuid().references(() => clips.id, { onDelete: "set null" }),
    creatorName: varchar({ length: 100 }),
    creatorId: varchar({ length: 50 }),
    broadcasterName: varchar({ length: 100 }),
    broadcasterId: varchar({ length: 50 }),
    gameId: varchar({ length: 50 }),
    gameName: varchar({ length: 200 }),
    language: varchar({ length: 10 }),
    thumbnailUrl: text(),
    duration: real(),
    viewCount: integer().notNull().default(0),
    clipCreatedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index("clip_submissions_user_idx").on(t.userId, t.createdAt.desc()),
    index("clip_submissions_status_idx").on(t.status, t.createdAt.desc()),
    index("clip_submissions_twitch_idx").on(t.twitchClipId),
    // At most one live (pending or approved) submission per Twitch clip: duplicates are rejected by the database.
    uniqueIndex("clip_submissions_live_uq").on(t.twitchClipId).where(sql`status in ('pending', 'approved')`),
    check("clip_submissions_status_check", sql`${t.status} in ('pending', 'approved', 'rejected')`),
  ],
);

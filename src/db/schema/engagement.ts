import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { clips } from "./clips";
import { createdAt, id, timestamps } from "./columns";
import { users } from "./users";

export const votes = pgTable(
  "votes",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clipId: uuid()
      .notNull()
      .references(() => clips.id, { onDelete: "cascade" }),
    voteType: smallint().notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.clipId] }),
    index("votes_clip_idx").on(t.clipId),
    index("votes_user_created_idx").on(t.userId, t.createdAt.desc()),
    check("votes_type_check", sql`${t.voteType} in (-1, 1)`),
  ],
);

export const favorites = pgTable(
  "favorites",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clipId: uuid()
      .notNull()
      .references(() => clips.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.clipId] }),
    index("favorites_user_created_idx").on(t.userId, t.createdAt.desc()),
    index("favorites_clip_idx").on(t.clipId),
  ],
);

export const comments = pgTable(
  "comments",
  {
    id: id(),
    clipId: uuid()
      .notNull()
      .references(() => clips.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    parentCommentId: uuid().references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    depth: smallint().notNull().default(0),
    content: text().notNull(),
    voteScore: integer().notNull().default(0),
    upvoteCount: integer().notNull().default(0),
    downvoteCount: integer().notNull().default(0),
    replyCount: integer().notNull().default(0),
    isEdited: boolean().notNull().default(false),
    isRemoved: boolean().notNull().default(false),
    removedReason: text(),
    ...timestamps,
  },
  (t) => [
    index("comments_clip_parent_idx").on(t.clipId, t.parentCommentId, t.createdAt),
    index("comments_parent_idx").on(t.parentCommentId),
    index("comments_user_idx").on(t.userId, t.createdAt.desc()),
    check("comments_depth_check", sql`${t.depth} >= 0 and ${t.depth} < 10`),
    check("comments_content_check", sql`char_length(${t.content}) between 1 and 10000`),
  ],
);

export const commentVotes = pgTable(
  "comment_votes",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    commentId: uuid()
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    voteType: smallint().notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.commentId] }),
    index("comment_votes_comment_idx").on(t.commentId),
    check("comment_votes_type_check", sql`${t.voteType} in (-1, 1)`),
  ],
);

export const tags = pgTable(
  "tags",
  {
    id: id(),
    name: varchar({ length: 50 }).notNull().unique(),
    slug: varchar({ length: 50 }).notNull().unique(),
    description: text(),
    color: varchar({ length: 7 }),
    usageCount: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("tags_usage_idx").on(t.usageCount.desc()),
    index("tags_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    check("tags_color_check", sql`${t.color} is null or ${t.color} ~ '^#[0-9A-Fa-f]{6}$'`),
    check("tags_slug_check", sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{1,49}$'`),
  ],
);

export const clipTags = pgTable(
  "clip_tags",
  {
    clipId: uuid()
      .notNull()
      .references(() => clips.id, { onDelete: "cascade" }),
    tagId: uuid()
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    addedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.clipId, t.tagId] }), index("clip_tags_tag_idx").on(t.tagId, t.createdAt.desc())],
);

export const REPORT_TYPES = ["clip", "comment", "user"] as const;
export const REPORT_REASONS = ["spam", "harassment", "nsfw", "violence", "copyright", "other"] as const;
export const REPORT_STATUSES = ["pending", "reviewed", "actioned", "dismissed"] as const;

export const reports = pgTable(
  "reports",
  {
    id: id(),
    reporterId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reportableType: varchar({ length: 20 }).$type<(typeof REPORT_TYPES)[number]>().notNull(),
    reportableId: uuid().notNull(),
    reason: varchar({ length: 20 }).$type<(typeof REPORT_REASONS)[number]>().notNull(),
    description: varchar({ length: 1000 }),
    status: varchar({ length: 20 }).$type<(typeof REPORT_STATUSES)[number]>().notNull().default("pending"),
    action: varchar({ length: 100 }),
    reviewedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index("reports_status_idx").on(t.status, t.createdAt.desc()),
    index("reports_target_idx").on(t.reportableType, t.reportableId),
    uniqueIndex("reports_reporter_target_uq").on(t.reporterId, t.reportableType, t.reportableId),
    check("reports_type_check", sql`${t.reportableType} in ('clip', 'comment', 'user')`),
    check("reports_reason_check", sql`${t.reason} in ('spam', 'harassment', 'nsfw', 'violence', 'copyright', 'other')`),
    check("reports_status_check", sql`${t.status} in ('pending', 'reviewed', 'actioned', 'dismissed')`),
  ],
);

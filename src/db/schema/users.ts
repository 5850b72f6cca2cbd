import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { createdAt, id, timestamps } from "./columns";

export const USER_ROLES = ["user", "moderator", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const users = pgTable(
  "users",
  {
    id: id(),
    twitchId: varchar({ length: 50 }).unique(),
    username: varchar({ length: 50 }).notNull(),
    displayName: varchar({ length: 100 }).notNull(),
    email: varchar({ length: 255 }),
    avatarUrl: text(),
    bio: varchar({ length: 500 }),
    socialLinks: jsonb().$type<Record<string, string>>(),
    karmaPoints: integer().notNull().default(0),
    role: varchar({ length: 20 }).$type<UserRole>().notNull().default("user"),
    isBanned: boolean().notNull().default(false),
    banReason: text(),
    bannedUntil: timestamp({ withTimezone: true }),
    isVerified: boolean().notNull().default(false),
    trustScore: integer().notNull().default(0),
    followerCount: integer().notNull().default(0),
    followingCount: integer().notNull().default(0),
    lastLoginAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_username_lower_uq").on(sql`lower(${t.username})`),
    index("users_karma_idx").on(t.karmaPoints.desc()),
    index("users_username_trgm_idx").using("gin", t.username.op("gin_trgm_ops")),
    index("users_display_name_trgm_idx").using("gin", t.displayName.op("gin_trgm_ops")),
    check("users_role_check", sql`${t.role} in ('user', 'moderator', 'admin')`),
    check("users_counts_check", sql`${t.followerCount} >= 0 and ${t.followingCount} >= 0`),
  ],
);

export const userFollows = pgTable(
  "user_follows",
  {
    followerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    followingId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.followerId, t.followingId] }),
    index("user_follows_following_idx").on(t.followingId, t.createdAt.desc()),
    check("user_follows_not_self", sql`${t.followerId} <> ${t.followingId}`),
  ],
);

export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: varchar({ length: 64 }).notNull().unique(),
    familyId: uuid().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    replacedById: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    index("refresh_tokens_user_idx").on(t.userId),
    index("refresh_tokens_family_idx").on(t.familyId),
    // The retention job deletes tokens expired or revoked long ago.
    index("refresh_tokens_expires_idx").on(t.expiresAt),
    index("refresh_tokens_revoked_idx").on(t.revokedAt).where(sql`revoked_at is not null`),
  ],
);

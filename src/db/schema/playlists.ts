import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, uuid, varchar } from "drizzle-orm/pg-core";
import { clips } from "./clips";
import { createdAt, id, timestamps } from "./columns";
import { users } from "./users";

export const PLAYLIST_VISIBILITIES = ["private", "public", "unlisted"] as const;
export type PlaylistVisibility = (typeof PLAYLIST_VISIBILITIES)[number];

// like_count and bookmark_count move only with a row really inserted into or deleted from their tables.
export const playlists = pgTable(
  "playlists",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: varchar({ length: 100 }).notNull(),
    description: varchar({ length: 500 }),
    coverUrl: text(),
    visibility: varchar({ length: 20 }).$type<PlaylistVisibility>().notNull().default("private"),
    likeCount: integer().notNull().default(0),
    bookmarkCount: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index("playlists_user_updated_idx").on(t.userId, t.updatedAt.desc(), t.id.desc()),
    index("playlists_public_created_idx").on(t.createdAt.desc(), t.id.desc()).where(sql`visibility = 'public'`),
    index("playlists_public_likes_idx").on(t.likeCount.desc(), t.createdAt.desc()).where(sql`visibility = 'public'`),
    check("playlists_visibility_check", sql`${t.visibility} in ('private', 'public', 'unlisted')`),
    check("playlists_counts_check", sql`${t.likeCount} >= 0 and ${t.bookmarkCount} >= 0`),
  ],
);

// Positions are per playlist and only ordered (gaps are fine); a reorder renumbers them densely.
export const playlistItems = pgTable(
  "playlist_items",
  {
    playlistId: uuid()
      .notNull()
      .references(() => playlists.id, { onDelete: "cascade" }),
    clipId: uuid()
      .notNull()
      .references(() => clips.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.playlistId, t.clipId] }),
    index("playlist_items_order_idx").on(t.playlistId, t.position),
    index("playlist_items_clip_idx").on(t.clipId),
  ],
);

const reaction = (name: string) =>
  pgTable(
    name,
    {
      playlistId: uuid()
        .notNull()
        .references(() => playlists.id, { onDelete: "cascade" }),
      userId: uuid()
        .notNull()
        .references(() => users.id, { onDelete: "cascade" }),
      createdAt: createdAt(),
    },
    (t) => [primaryKey({ columns: [t.playlistId, t.userId] }), index(`${name}_user_idx`).on(t.userId)],
  );

export const playlistLikes = reaction("playlist_likes");
export const playlistBookmarks = reaction("playlist_bookmarks");

import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
  varchar,
  vector,
} from "drizzle-orm/pg-core";
import { createdAt, id, tsvector } from "./columns";
import { users } from "./users";

export const EMBEDDING_DIMENSIONS = 512;

// feedableClips() of src/modules/clips/feedable.ts, which db/ may not import; test/clips/feedable.test.ts checks both agree.
const feedable = sql`not is_removed and not is_hidden and submitted_by_user_id is not null`;

export const clips = pgTable(
  "clips",
  {
    id: id(),
    twitchClipId: varchar({ length: 100 }).notNull().unique(),
    twitchClipUrl: text().notNull(),
    embedUrl: text().notNull(),
    title: varchar({ length: 255 }).notNull(),
    creatorName: varchar({ length: 100 }).notNull().default(""),
    creatorId: varchar({ length: 50 }),
    broadcasterName: varchar({ length: 100 }).notNull().default(""),
    broadcasterId: varchar({ length: 50 }),
    gameId: varchar({ length: 50 }),
    gameName: varchar({ length: 200 }),
    language: varchar({ length: 10 }),
    thumbnailUrl: text(),
    duration: real(),
    viewCount: bigint({ mode: "number" }).notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    importedAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    voteScore: integer().notNull().default(0),
    upvoteCount: integer().notNull().default(0),
    downvoteCount: integer().notNull().default(0),
    commentCount: integer().notNull().default(0),
    favoriteCount: integer().notNull().default(0),
    isFeatured: boolean().notNull().default(false),
    isNsfw: boolean().notNull().default(false),
    isRemoved: boolean().notNull().default(false),
    removedReason: text(),
    isHidden: boolean().notNull().default(false),
    submittedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    submittedAt: timestamp({ withTimezone: true }),
    // Maintained by the clips_hot_score trigger: sign·log10(max(|score|,1)) + epoch/45000 orders exactly like
    // Reddit's hot formula at any moment, so it can be indexed and a new clip ranks at once.
    hotScore: doublePrecision().notNull().default(0),
    trendingScore: doublePrecision().notNull().default(0),
    // Tag slugs (as words) and names of the clip's tags, kept by the clip_tags/tags triggers (0012): a generated
    // column cannot read another table, and the keyword leg must match tags.
    searchTags: text().notNull().default(""),
    // Keyword document: english stems and unaccented `simple` words side by side, so "jugadas" and "clutches" both
    // match; handles split into words ("QuotaQueen" also as "quota queen"), CJK runs as bigrams. Weights: A title, B broadcaster,
    // C game and tags, D the clipper's name. The clipper_* functions are defined in 0012.
    searchVector: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('english', title) || to_tsvector('simple', clipper_unaccent(clipper_cjk_words(title))), 'A') || setweight(to_tsvector('simple', clipper_unaccent(clipper_name_words(broadcaster_name))), 'B') || setweight(to_tsvector('english', coalesce(game_name, '') || ' ' || search_tags) || to_tsvector('simple', clipper_unaccent(coalesce(game_name, '') || ' ' || search_tags)), 'C') || setweight(to_tsvector('simple', clipper_unaccent(clipper_name_words(creator_name))), 'D')`,
    ),
    // The same text, unaccented and lowercased, for trigram (typo) matching of single query words.
    searchText: text().generatedAlwaysAs(
      sql`lower(clipper_unaccent(title || ' ' || clipper_name_words(broadcaster_name) || ' ' || coalesce(game_name, '') || ' ' || search_tags))`,
    ),
    embedding: vector({ dimensions: EMBEDDING_DIMENSIONS }),
    embeddingModel: varchar({ length: 100 }),
    embeddedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("clips_hot_idx").on(t.hotScore.desc(), t.id.desc()).where(feedable),
    index("clips_trending_idx").on(t.trendingScore.desc(), t.id.desc()).where(feedable),
    index("clips_new_idx").on(t.submittedAt.desc(), t.id.desc()).where(feedable),
    index("clips_top_idx").on(t.voteScore.desc(), t.createdAt.desc(), t.id.desc()).where(feedable),
    index("clips_created_idx").on(t.createdAt.desc(), t.id.desc()),
    index("clips_discussed_idx").on(t.commentCount.desc(), t.id.desc()).where(feedable),
    index("clips_game_idx").on(t.gameId, t.createdAt.desc()),
    // Each game's names, in order: game search walks the distinct pairs and counts them index-only (pg-entities.ts).
    index("clips_game_name_idx").on(t.gameId, t.gameName).where(feedable),
    index("clips_broadcaster_idx").on(t.broadcasterId, t.createdAt.desc()),
    index("clips_broadcaster_name_idx").on(sql`lower(${t.broadcasterName})`),
    index("clips_creator_idx").on(t.creatorId, t.createdAt.desc()),
    index("clips_language_idx").on(t.language, t.createdAt.desc()),
    index("clips_submitter_idx").on(t.submittedByUserId, t.submittedAt.desc()),
    index("clips_search_vector_idx").using("gin", t.searchVector),
    index("clips_title_trgm_idx").using("gin", t.title.op("gin_trgm_ops")),
    index("clips_search_text_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    index("clips_broadcaster_trgm_idx").using("gin", t.broadcasterName.op("gin_trgm_ops")),
    index("clips_embedding_idx").using("hnsw", t.embedding.op("vector_cosine_ops")),
    check("clips_counts_check", sql`${t.upvoteCount} >= 0 and ${t.downvoteCount} >= 0 and ${t.favoriteCount} >= 0`),
    check("clips_duration_check", sql`${t.duration} is null or ${t.duration} >= 0`),
  ],
);

export const games = pgTable(
  "games",
  {
    id: id(),
    twitchGameId: varchar({ length: 50 }).notNull().unique(),
    name: varchar({ length: 200 }).notNull(),
    slug: varchar({ length: 200 }).notNull(),
    boxArtUrl: text(),
    igdbId: varchar({ length: 50 }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("games_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")), index("games_slug_idx").on(t.slug)],
);

export const gameFollows = pgTable(
  "game_follows",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    gameId: uuid()
      .notNull()
      .references(() => games.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.gameId] }), index("game_follows_game_idx").on(t.gameId)],
);

export const broadcasterFollows = pgTable(
  "broadcaster_follows",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    broadcasterId: varchar({ length: 50 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.broadcasterId] }),
    index("broadcaster_follows_broadcaster_idx").on(t.broadcasterId),
  ],
);

export const categories = pgTable("categories", {
  id: id(),
  name: varchar({ length: 100 }).notNull(),
  slug: varchar({ length: 100 }).notNull().unique(),
  description: text(),
  icon: varchar({ length: 50 }),
  position: integer().notNull().default(0),
  categoryType: varchar({ length: 30 }).notNull().default("game"),
  isFeatured: boolean().notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Clip counts kept exact by statement triggers (drizzle/0005): an unfiltered feed's total sums a few rows here instead
 * of counting ~100k rows (~45 ms) on every uncached page. Scopes: `feed` (submitted, neither removed nor hidden) and
 * `listed` (neither removed nor hidden). Each scope is split over 16 slots picked by backend pid, so concurrent
 * inserting transactions rarely wait on one another's count row; a total is the sum of its slots.
 */
export const clipCounts = pgTable(
  "clip_counts",
  {
    scope: varchar({ length: 20 }).notNull(),
    slot: integer().notNull(),
    n: bigint({ mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.slot] })],
);

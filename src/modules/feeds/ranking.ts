import { type SQL, sql } from "drizzle-orm";
import { clips } from "../../db/schema";

export const CLIP_SORTS = ["trending", "popular", "new", "top", "discussed", "hot", "rising"] as const;
export type ClipSort = (typeof CLIP_SORTS)[number];

const TIMEFRAME_HOURS = { hour: 1, day: 24, week: 168, month: 720, year: 8760, all: undefined } as const;
export type Timeframe = keyof typeof TIMEFRAME_HOURS;
export const TIMEFRAMES = Object.keys(TIMEFRAME_HOURS) as Timeframe[];

const RISING_WINDOW_HOURS = 48;

export interface SortKey {
  expr: SQL;
  /** Postgres type the cursor's text value is cast back to. */
  cast: "float8" | "int" | "bigint" | "timestamptz";
  nullable?: boolean;
}

const at = (ref: Date) => sql`${ref.toISOString()}::timestamptz`;

/**
 * Every sort is a list of keys ordered DESC NULLS LAST, then id, exactly as the partial indexes on clips are declared
 * (drizzle/0001, 0003), except rising, which scores the last 48 h only. Trending reads the trigger-maintained
 * trending_score (see trending-refresh.ts); hot reads hot_score, which orders like Reddit's hot formula at any instant.
 */
export function sortKeys(sort: ClipSort, ref: Date): SortKey[] {
  switch (sort) {
    case "trending":
      return [{ expr: sql`${clips.trendingScore}`, cast: "float8" }];
    case "hot":
      return [{ expr: sql`${clips.hotScore}`, cast: "float8" }];
    case "popular":
      return [
        {
          expr: sql`(${clips.viewCount} + 2 * ${clips.voteScore} + 3 * ${clips.commentCount} + 2 * ${clips.favoriteCount})`,
          cast: "bigint",
        },
      ];
    case "new":
      return [{ expr: sql`${clips.submittedAt}`, cast: "timestamptz", nullable: true }];
    case "top":
      return [
        { expr: sql`${clips.voteScore}`, cast: "int" },
        { expr: sql`${clips.createdAt}`, cast: "timestamptz" },
      ];
    case "discussed":
      return [{ expr: sql`${clips.commentCount}`, cast: "int" }];
    case "rising":
      return [
        {
          expr: sql`((${clips.voteScore} + ${clips.viewCount} / 100.0) * (1 + 1 / (extract(epoch from (${at(ref)} - ${clips.createdAt})) / 3600.0 + 2)))::float8`,
          cast: "float8",
        },
      ];
  }
}

/** The time window a sort implies: rising always looks at 48 h; the timeframe applies to top and discussed only. */
export function sortWindow(sort: ClipSort, timeframe: Timeframe | undefined, ref: Date): SQL | undefined {
  const hours =
    sort === "rising"
      ? RISING_WINDOW_HOURS
      : sort === "top" || sort === "discussed"
        ? TIMEFRAME_HOURS[timeframe ?? "all"]
        : undefined;
  if (hours === undefined) return undefined;
  return sql`${clips.createdAt} >= ${at(ref)} - make_interval(hours => ${hours})`;
}

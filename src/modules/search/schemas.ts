import { z } from "zod";
import { dateQueryParam } from "../../http/dates";
import { documentedAs, wireSchema } from "../../http/openapi/registry";
import { count, wireId, wireTime } from "../../http/wire-fields";
import { Clip } from "../clips/wire";
import { WireTag } from "../tags/wire";
import { SUGGESTION_TYPES } from "./engine";

export const SEARCH_TYPES = ["all", "clips", "creators", "games", "tags"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
/** Deep offsets cost a full scan and have no UI; pages past this are clamped. */
export const MAX_OFFSET = 10_000;
const MAX_TAGS = 10;

/** Control characters (NUL above all) cannot reach Postgres text; they become spaces before trimming. */
export function normalizeQuery(raw: string | undefined): string {
  return (raw ?? "").replace(/\p{Cc}+/gu, " ").trim();
}

const intParam = z
  .string()
  .trim()
  .regex(/^-?\d{1,9}$/, "must be an integer")
  .transform(Number);

/** Documents an integer query value as one; anything but an integer is a 400, `description` says what range does. */
const documentedInt = <S extends z.ZodType>(
  schema: S,
  doc: { minimum?: number; maximum?: number; default?: number },
  description: string,
) =>
  documentedAs(schema, {
    type: "integer",
    ...doc,
    ...(doc.default !== undefined && { examples: [doc.default] }),
    description: `${description} Anything but an integer is a 400.`,
  });

// The Cc ranges spelled out: the OpenAPI document publishes this pattern, and \p{...} breaks non-JS regex engines.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;
const filterText = (max: number) =>
  z.string().trim().min(1).max(max).regex(NO_CONTROL, "must not contain control characters");

const stringList = z.union([z.string(), z.array(z.string())]).optional();

/** Accepts `tags=a,b`, repeated `tags=a&tags=b` and axios' `tags[]=a&tags[]=b`. */
function tagSlugs(...values: (string | string[] | undefined)[]): string[] {
  const slugs = values
    .flat()
    .flatMap((v) => (v ?? "").split(","))
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(slugs)];
}

export const SearchQuery = z
  .object({
    q: z.string().optional(),
    type: z.enum(SEARCH_TYPES).default("all"),
    sort: z.enum(["relevance", "recent", "popular"]).default("relevance"),
    page: documentedInt(
      intParam.pipe(z.number().int().min(1)).default(1),
      { minimum: 1, default: 1 },
      `Below 1 is a 400; a page past offset ${MAX_OFFSET} is clamped to the last one reachable.`,
    ),
    limit: documentedInt(
      intParam.optional(),
      { minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
      `1–${MAX_LIMIT}; a value out of range means ${DEFAULT_LIMIT}.`,
    ),
    game_id: filterText(50).optional(),
    creator_id: filterText(50).optional(),
    broadcaster_id: filterText(50).optional(),
    language: filterText(10).optional(),
    min_votes: documentedInt(intParam.optional(), {}, "Only clips with at least this vote score."),
    date_from: dateQueryParam("from"),
    date_to: dateQueryParam("to"),
    tags: stringList,
    "tags[]": stringList,
  })
  .transform(({ tags, "tags[]": bracketTags, limit, page, ...rest }) => {
    const size = limit === undefined || limit < 1 || limit > MAX_LIMIT ? DEFAULT_LIMIT : limit;
    return {
      ...rest,
      limit: size,
      page: Math.min(page, Math.floor(MAX_OFFSET / size) + 1),
      tags: tagSlugs(tags, bracketTags),
    };
  })
  .refine((v) => v.tags.length <= MAX_TAGS && v.tags.every((t) => t.length <= 50 && NO_CONTROL.test(t)), {
    message: `tags: at most ${MAX_TAGS} slugs of up to 50 characters`,
  });
export type SearchQuery = z.output<typeof SearchQuery>;

export const SuggestionsQuery = z.object({ q: z.string().max(MAX_QUERY_LENGTH).default("") });

const limitUpTo100 = documentedInt(
  intParam.pipe(z.number().int().min(1).max(MAX_LIMIT)).default(DEFAULT_LIMIT),
  { minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
  `1–${MAX_LIMIT}; out of range is a 400.`,
);
const days = documentedInt(
  intParam.pipe(z.number().int().min(1).max(90)).default(7),
  { minimum: 1, maximum: 90, default: 7 },
  "Days back from now, 1–90; out of range is a 400.",
);

export const TrendingQuery = z.object({ days, limit: limitUpTo100 });
export const HistoryQuery = z.object({ limit: limitUpTo100 });
export const FailedQuery = z.object({ days, limit: limitUpTo100 });

const bucket = z.strictObject({ key: z.string(), label: z.string().optional(), count });

const Creator = z.strictObject({
  id: wireId,
  username: z.string().meta({ examples: ["streamer"] }),
  display_name: z.string().meta({ examples: ["Streamer"] }),
  avatar_url: z.string().nullable(),
  bio: z.string().nullable(),
  karma_points: z.number().int(),
  role: z.string().meta({ examples: ["user"] }),
  is_verified: z.boolean(),
  follower_count: count,
  created_at: wireTime,
});

/** Contract §3.9: bare. Result groups are left out when not asked for (`type`); counts are always there. */
export const SearchResults = wireSchema(
  "SearchResults",
  z.strictObject({
    query: z.string().meta({ examples: ["clutch"] }),
    results: z.strictObject({
      clips: z.array(Clip).optional(),
      creators: z.array(Creator).optional(),
      games: z.array(z.strictObject({ id: z.string(), name: z.string(), clip_count: count })).optional(),
      tags: z.array(WireTag).optional(),
    }),
    counts: z.strictObject({ clips: count, creators: count, games: count, tags: count }),
    facets: z
      .strictObject({
        languages: z.array(bucket),
        games: z.array(bucket),
        tags: z.array(bucket),
        date_range: z.strictObject({
          last_hour: count,
          last_day: count,
          last_week: count,
          last_month: count,
          older: count,
        }),
      })
      .optional(),
    meta: z.strictObject({
      page: z.number().int().min(1),
      limit: z.number().int().min(1),
      total_items: count,
      total_pages: count,
    }),
  }),
);
export type SearchResults = z.infer<typeof SearchResults>;

export const SuggestionList = wireSchema(
  "SuggestionList",
  z.strictObject({
    query: z.string(),
    suggestions: z.array(z.strictObject({ text: z.string(), type: z.enum(SUGGESTION_TYPES) })),
  }),
);

const analyticsWindow = {
  days: z
    .number()
    .int()
    .meta({ examples: [7] }),
  limit: z
    .number()
    .int()
    .meta({ examples: [20] }),
};

export const TrendingSearches = wireSchema(
  "TrendingSearches",
  z.strictObject({
    trending_searches: z.array(
      z.strictObject({ query: z.string(), search_count: count, unique_users: count, avg_results: z.number() }),
    ),
    ...analyticsWindow,
  }),
);

export const SearchHistory = wireSchema(
  "SearchHistory",
  z.strictObject({
    search_history: z.array(z.strictObject({ query: z.string(), result_count: count, created_at: wireTime })),
    limit: analyticsWindow.limit,
  }),
);

export const FailedSearches = wireSchema(
  "FailedSearches",
  z.strictObject({
    failed_searches: z.array(z.strictObject({ query: z.string(), search_count: count, last_searched_at: wireTime })),
    ...analyticsWindow,
  }),
);

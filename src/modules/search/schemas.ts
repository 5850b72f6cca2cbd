import { z } from "zod";
import { dateQueryParam } from "../../http/dates";

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
    page: intParam.pipe(z.number().int().min(1)).default(1),
    limit: intParam.optional(),
    game_id: filterText(50).optional(),
    creator_id: filterText(50).optional(),
    broadcaster_id: filterText(50).optional(),
    language: filterText(10).optional(),
    min_votes: intParam.optional(),
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

const limitUpTo100 = intParam.pipe(z.number().int().min(1).max(MAX_LIMIT)).default(DEFAULT_LIMIT);
const days = intParam.pipe(z.number().int().min(1).max(90)).default(7);

export const TrendingQuery = z.object({ days, limit: limitUpTo100 });
export const HistoryQuery = z.object({ limit: limitUpTo100 });
export const FailedQuery = z.object({ days, limit: limitUpTo100 });

import { z } from "zod";
import { AppError } from "../../core/errors";
import { DATE_FORMAT_HINT, parseDateParam } from "../../http/dates";
import { wireSchema } from "../../http/openapi/registry";
import { lenientEnum } from "../../http/query-params";
import { count, success } from "../../http/wire-fields";
import { Clip } from "../clips/wire";
import type { ClipFilters } from "./filters";
import { CLIP_SORTS, type ClipSort, TIMEFRAMES, type Timeframe } from "./ranking";

const text = (max: number) => z.string().trim().max(max).optional();
const flag = z.enum(["true", "false", "1", "0"]).optional();
const slugList = (max: number) =>
  z
    .string()
    .max(1100)
    .optional()
    .transform((v) => [
      ...new Set(
        (v ?? "")
          .split(",")
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().max(50)).max(max, `at most ${max} tags`));
const sortParam = (fallback: ClipSort) => lenientEnum(CLIP_SORTS, fallback, "Ranking of the list.");
const timeframeParam = lenientEnum(TIMEFRAMES, undefined, "Only clips created within this period.");

/** Query parameters shared by `/feeds/clips` and `/clips`. */
export const clipListParams = (defaultSort: ClipSort) => ({
  sort: sortParam(defaultSort),
  timeframe: timeframeParam,
  game_id: text(50),
  broadcaster_id: text(50),
  creator_id: text(50),
  language: text(10),
  tag: slugList(10),
  exclude_tags: slugList(10),
  date_from: text(40),
  date_to: text(40),
  nsfw: flag,
  top10k_streamers: flag,
});

/** `YYYY-MM-DD` (a whole UTC day) or RFC 3339 (src/http/dates.ts); anything else is a 400. */
export function parseDateBound(value: string | undefined, name: string, end: boolean): Date | undefined {
  if (!value) return undefined;
  const parsed = parseDateParam(value);
  if (!parsed) throw new AppError("INVALID_REQUEST", `invalid ${name}: ${DATE_FORMAT_HINT}`);
  if (!end) return parsed.date;
  return new Date(parsed.date.getTime() + (parsed.wholeDay ? 86_400_000 : 1));
}

const asBool = (v: string | undefined) => (v === undefined ? undefined : v === "true" || v === "1");

type ClipListParams = z.infer<z.ZodObject<ReturnType<typeof clipListParams>>>;

export function toClipFilters(q: ClipListParams, extra: Partial<ClipFilters> = {}): ClipFilters {
  return {
    gameId: q.game_id || undefined,
    broadcasterId: q.broadcaster_id || undefined,
    creatorId: q.creator_id || undefined,
    language: q.language || undefined,
    tags: q.tag.length ? q.tag : undefined,
    excludeTags: q.exclude_tags.length ? q.exclude_tags : undefined,
    dateFrom: parseDateBound(q.date_from, "date_from", false),
    dateToExclusive: parseDateBound(q.date_to, "date_to", true),
    nsfw: asBool(q.nsfw),
    top10kStreamers: asBool(q.top10k_streamers),
    ...extra,
  };
}

const FiltersApplied = z
  .strictObject({
    sort: z.enum(CLIP_SORTS),
    timeframe: z.enum(TIMEFRAMES as [Timeframe, ...Timeframe[]]).optional(),
    game_id: z.string().optional(),
    broadcaster_id: z.string().optional(),
    streamer: z.string().optional(),
    creator_id: z.string().optional(),
    language: z.string().optional(),
    tags: z.array(z.string()).optional(),
    exclude_tags: z.array(z.string()).optional(),
    date_from: z.string().optional(),
    date_to: z.string().optional().meta({ description: "Exclusive upper bound." }),
    nsfw: z.boolean().optional(),
    top10k_streamers: z.boolean().optional(),
  })
  .meta({ description: "The filters the feed applied, as understood." });

/** Contract family C, `/feeds/clips` only. */
export const FeedPage = wireSchema(
  "FeedPage",
  z.strictObject({
    success,
    clips: z.array(Clip),
    pagination: z.strictObject({
      limit: z
        .number()
        .int()
        .meta({ examples: [20] }),
      offset: z.number().int().min(0),
      has_more: z.boolean(),
      cursor: z.string().optional().meta({ description: "Pass as `cursor` for the next page; absent on the last." }),
      total: count.optional().meta({ description: "Only when no cursor was sent." }),
      total_pages: count.optional().meta({ description: "Only when no cursor was sent." }),
    }),
    filters_applied: FiltersApplied,
  }),
);
export type FeedPage = z.infer<typeof FeedPage>;

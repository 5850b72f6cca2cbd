import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { optionalAuth } from "../../http/middleware/auth";
import { returns } from "../../http/openapi/registry";
import { clampedInt } from "../../http/query-params";
import { memoizable } from "../../http/response-memo";
import { validate } from "../../http/validate";
import { anonymousClipPageBody, type ClipPageInfo, listClipsCached } from "../clips/cached";
import { enrichClips } from "../clips/enrich";
import { filtersApplied } from "./filters";
import { clipListParams, FeedPage, parseDateBound, toClipFilters } from "./schemas";

const text = (max: number) => z.string().trim().max(max).optional();

const FeedQuery = z.object({
  ...clipListParams("trending"),
  limit: clampedInt(10, 100, 20),
  offset: clampedInt(0, 10_000, 0),
  cursor: z.string().max(512).optional(),
  // The original handler's spelling, kept alongside the SPA's.
  "filter[game]": text(50),
  "filter[streamer]": text(100),
  "filter[tags]": clipListParams("trending").tag,
  "filter[date_from]": text(40),
  "filter[date_to]": text(40),
});

export function createFeedRoutes(deps: Deps) {
  return new Hono<AppEnv>().get(
    "/feeds/clips",
    optionalAuth(deps),
    validate("query", FeedQuery),
    returns(FeedPage),
    async (c) => {
      const q = c.req.valid("query");
      const filters = toClipFilters(q, {
        gameId: q.game_id || q["filter[game]"] || undefined,
        streamer: q["filter[streamer]"] || undefined,
      });
      const tags = [...new Set([...q.tag, ...q["filter[tags]"]])];
      if (tags.length) filters.tags = tags;
      filters.dateFrom ??= parseDateBound(q["filter[date_from]"], "filter[date_from]", false);
      filters.dateToExclusive ??= parseDateBound(q["filter[date_to]"], "filter[date_to]", true);

      const request = {
        sort: q.sort,
        timeframe: q.timeframe,
        filters,
        limit: q.limit,
        offset: q.offset,
        cursor: q.cursor,
        withTotal: true,
      };
      const frame = (page: ClipPageInfo) => ({
        pagination: {
          limit: q.limit,
          offset: q.cursor ? 0 : q.offset,
          has_more: page.hasMore,
          ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
          ...(page.total !== undefined ? { total: page.total, total_pages: Math.ceil(page.total / q.limit) } : {}),
        },
        filters_applied: {
          sort: q.sort,
          ...(q.timeframe ? { timeframe: q.timeframe } : {}),
          ...filtersApplied(filters),
        },
      });
      const viewer = c.get("principal");
      if (viewer) {
        const page = await listClipsCached(deps, request);
        const clips = await enrichClips(deps.readDb, page.rows, viewer.userId, page.submitters);
        return c.json({ success: true, clips, ...frame(page) } satisfies FeedPage);
      }
      // The clips' stored JSON is spliced in as it is, and the body is stored: a hit is sent as stored.
      const { text, dependsOn } = await anonymousClipPageBody(deps, request, (clipsJson, page) => {
        return `{"success":true,"clips":${clipsJson},${JSON.stringify(frame(page)).slice(1)}`;
      });
      memoizable(c, dependsOn);
      return c.body(text, 200, { "Content-Type": "application/json" });
    },
  );
}

import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { clipCounts, clips } from "../../db/schema";
import { afterCursor, decodeCursor, encodeCursor } from "./cursor";
import { type ClipFilters, clipFilterConditions } from "./filters";
import { type ClipSort, sortKeys, sortWindow, type Timeframe } from "./ranking";

export interface ClipListRequest {
  sort: ClipSort;
  timeframe?: Timeframe;
  filters: ClipFilters;
  limit: number;
  offset: number;
  cursor?: string;
  withTotal: boolean;
}

/** A count kept by triggers in clip_counts, for lists whose only condition is visibility. */
type KeptCount = "feed" | "listed";

/** The total from the trigger-kept clip_counts slots when there is one for the list, else a count of its rows. */
async function countClips(db: Db, where: SQL | undefined, kept: KeptCount | undefined) {
  if (kept) {
    const [row] = await db
      .select({ n: sql<string | null>`sum(${clipCounts.n})` })
      .from(clipCounts)
      .where(eq(clipCounts.scope, kept));
    if (row?.n != null) return Number(row.n);
  }
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(clips).where(where);
  return Number(row?.n ?? 0);
}

export interface ClipIdPage {
  ids: string[];
  hasMore: boolean;
  /** Present only when there is a next page. */
  nextCursor?: string;
  /** Present only when asked for and no cursor was given. */
  total?: number;
}

/**
 * The ids of one ranked, filtered page of clips by offset or keyset cursor; fetches limit+1 to learn has_more. The
 * rows are read by id (clips/cached.ts), so a page is only its ids.
 */
export async function listClipIds(db: Db, req: ClipListRequest): Promise<ClipIdPage> {
  const probe = sortKeys(req.sort, new Date());
  const cursor = req.cursor ? decodeCursor(req.cursor, req.sort, probe) : undefined;
  const ref = cursor ? new Date(cursor.at) : new Date();
  const keys = sortKeys(req.sort, ref);

  const window = sortWindow(req.sort, req.timeframe, ref);
  const conditions = clipFilterConditions(req.filters);
  const where = and(...conditions, window);
  const unfiltered = !window && conditions.length === 1;
  const kept: KeptCount | undefined = unfiltered ? (req.filters.includeUnsubmitted ? "listed" : "feed") : undefined;
  const keyText = sql<string>`array_to_json(array[${sql.join(
    keys.map((k) => sql`${k.expr}::text`),
    sql`, `,
  )}])::text`;

  const [found, counted] = await Promise.all([
    db
      .select({ id: clips.id, cursorKeys: keyText })
      .from(clips)
      .where(cursor ? and(where, afterCursor(keys, cursor)) : where)
      .orderBy(...keys.map((k) => sql`${k.expr} desc nulls last`), sql`${clips.id} desc nulls last`)
      .limit(req.limit + 1)
      .offset(cursor ? 0 : req.offset),
    req.withTotal && !cursor ? countClips(db, where, kept) : Promise.resolve(undefined),
  ]);

  const hasMore = found.length > req.limit;
  const page = found.slice(0, req.limit);
  const last = page.at(-1);
  const nextCursor =
    hasMore && last
      ? encodeCursor({ s: req.sort, k: JSON.parse(last.cursorKeys), id: last.id, at: ref.getTime() })
      : undefined;
  return { ids: page.map((row) => row.id), hasMore, nextCursor, total: counted };
}

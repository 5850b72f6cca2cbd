import type { Deps } from "../../deps";
import { scopes } from "../../platform/cache/scopes";
import { type ClipListPage, type ClipListRequest, listClips } from "../feeds/repo";
import { loadSubmitters } from "./enrich";
import { findClip } from "./repo";
import { type ClipRow, clipColumns, type UserSummary } from "./wire";

export type CachedClipPage = ClipListPage & { submitters: UserSummary[] };

// Loaders read the primary (deps.db), never a replica: an entry loaded from a lagging replica just after an
// invalidation would be stored under the new version and stay stale for its whole TTL.

/** Feed pages rank by time, so even with exact invalidation they are recomputed at least once a minute. */
const PAGE_TTL_SECONDS = 60;
/** Every write through the API invalidates a clip at once; the TTL bounds the drift of batched view counts. */
const CLIP_TTL_SECONDS = 300;

const DATE_COLUMNS = Object.entries(clipColumns)
  .filter(([, column]) => column.dataType === "date")
  .map(([key]) => key as keyof ClipRow);

/** JSON turns the row's Dates into strings; this turns them back. */
function reviveRow(row: ClipRow): ClipRow {
  const revived: Record<string, unknown> = { ...row };
  for (const key of DATE_COLUMNS) if (typeof revived[key] === "string") revived[key] = new Date(revived[key]);
  return revived as ClipRow;
}

/**
 * One page of listClips with its submitters (pass both to enrichClips), cached for everyone: it holds no viewer
 * state (enrichClips adds that per request), and the key holds every request field, so no filter can leak into
 * another's page. Depends on the `feeds` scope; a submitter's profile edit shows within the TTL.
 */
export function listClipsCached(deps: Deps, req: ClipListRequest): Promise<CachedClipPage> {
  const filters = JSON.stringify(req.filters, Object.keys(req.filters).sort());
  const parts = [req.sort, req.timeframe, filters, req.limit, req.offset, req.cursor, req.withTotal];
  const load = async () => {
    const page = await listClips(deps.db, req);
    return { ...page, submitters: await loadSubmitters(deps.db, page.rows) };
  };
  return deps.caching.cached("feeds", parts, PAGE_TTL_SECONDS, load, {
    dependsOn: [scopes.feeds],
    revive: (page) => ({ ...page, rows: page.rows.map(reviveRow) }),
  });
}

/** A clip's row by UUID, cached until that clip changes (scope `clip:<id>`); slugs are looked up directly. */
export function findClipCached(deps: Deps, id: string): Promise<ClipRow | undefined> {
  return deps.caching.cached("clip", [id], CLIP_TTL_SECONDS, () => findClip(deps.db, id), {
    dependsOn: [scopes.clip(id)],
    revive: (row) => row && reviveRow(row),
  });
}

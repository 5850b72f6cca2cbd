import type { Deps } from "../../deps";
import { plainText } from "../../platform/cache/cache-aside";
import { scopes } from "../../platform/cache/scopes";
import { type ClipListPage, type ClipListRequest, listClips } from "../feeds/repo";
import { loadSubmitters } from "./enrich";
import { findClip } from "./repo";
import { isUuid } from "./schemas";
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

/** Every field of a list request, so no filter can leak into another request's cached page. */
function clipListKey(req: ClipListRequest) {
  const filters = JSON.stringify(req.filters, Object.keys(req.filters).sort());
  return [req.sort, req.timeframe, filters, req.limit, req.offset, req.cursor, req.withTotal];
}

/**
 * The whole JSON body a signed-out viewer gets for a list request, cached as text alongside the page (same key, scope
 * and TTL): a hit is sent as stored. Parsing a ~30 KB page, reviving its dates and serialising it again was half the
 * CPU of a cached feed request. Signed-in viewers get the page plus their own votes and favourites instead.
 */
export function anonymousListBodyCached(deps: Deps, req: ClipListRequest, build: () => Promise<unknown>) {
  return deps.caching.cachedText(
    "feed-bodies",
    clipListKey(req),
    PAGE_TTL_SECONDS,
    async () => JSON.stringify(await build()),
    { codec: plainText, dependsOn: [scopes.feeds] },
  );
}

/**
 * One page of listClips with its submitters (pass both to enrichClips), cached for everyone: it holds no viewer
 * state (enrichClips adds that per request), and the key holds every request field, so no filter can leak into
 * another's page. Depends on the `feeds` scope; a submitter's profile edit shows within the TTL.
 */
export function listClipsCached(deps: Deps, req: ClipListRequest): Promise<CachedClipPage> {
  const load = async () => {
    const page = await listClips(deps.db, req);
    return { ...page, submitters: await loadSubmitters(deps.db, page.rows) };
  };
  return deps.caching.cached("feeds", clipListKey(req), PAGE_TTL_SECONDS, load, {
    dependsOn: [scopes.feeds],
    revive: (page) => ({ ...page, rows: page.rows.map(reviveRow) }),
  });
}

export interface CachedClip {
  row: ClipRow;
  submitters: UserSummary[];
}

/**
 * A clip's row and submitter by UUID or Twitch slug, cached until that clip changes (scope `clip:<id>`), so a detail
 * view by a signed-out visitor touches no database. A slug is resolved to its id through a cache of its own: the pair
 * never changes while the clip exists, and a clip deleted since is looked up again by slug.
 */
export async function findClipCached(deps: Deps, idOrSlug: string): Promise<CachedClip | undefined> {
  if (isUuid(idOrSlug)) return findClipByIdCached(deps, idOrSlug);
  const id = await deps.caching.cached("clip-slugs", [idOrSlug], CLIP_TTL_SECONDS, async () => {
    return (await findClip(deps.db, idOrSlug))?.id;
  });
  return id
    ? ((await findClipByIdCached(deps, id)) ?? withSubmitter(deps, await findClip(deps.db, idOrSlug)))
    : undefined;
}

function findClipByIdCached(deps: Deps, id: string): Promise<CachedClip | undefined> {
  return deps.caching.cached(
    "clip",
    [id],
    CLIP_TTL_SECONDS,
    async () => withSubmitter(deps, await findClip(deps.db, id)),
    {
      dependsOn: [scopes.clip(id)],
      revive: (clip) => clip && { ...clip, row: reviveRow(clip.row) },
    },
  );
}

async function withSubmitter(deps: Deps, row: ClipRow | undefined): Promise<CachedClip | undefined> {
  return row && { row, submitters: await loadSubmitters(deps.db, [row]) };
}

import type { Deps } from "../../deps";
import { jsonCodec, plainText, type TextCodec } from "../../platform/cache/cache-aside";
import { scopes } from "../../platform/cache/scopes";
import { type ClipIdPage, type ClipListRequest, listClipIds } from "../feeds/repo";
import { enrichClips, loadSubmitters } from "./enrich";
import { isListed } from "./feedable";
import { findClip, findClipsByIds } from "./repo";
import { isUuid } from "./schemas";
import { type ClipRow, clipColumns, type UserSummary } from "./wire";

export type ClipPageInfo = Omit<ClipIdPage, "ids">;
/** A page's ids as cached; `listId` names this cached list, so a body joined from it is stored under it. */
type CachedIdPage = ClipIdPage & { listId: string };
export type CachedClipPage = ClipPageInfo & { rows: ClipRow[]; submitters: UserSummary[] };

export interface CachedClip {
  row: ClipRow;
  submitters: UserSummary[];
}

// Loaders read the primary (deps.db), never a replica: an entry loaded from a lagging replica just after an
// invalidation would be stored under the new version and stay stale for its whole TTL.

/** Every write through the API invalidates a clip at once; the TTL bounds the drift of batched view counts. */
const CLIP_TTL_SECONDS = 300;
/** A slug's clip id: the pair never changes while the clip exists, so nothing bumps this namespace's scope. */
const SLUGS = "clip-slugs";
/** A clip's JSON carries age_hours and hot_score as of when it was built; this bounds how old they get. */
const CLIP_JSON_TTL_SECONDS = 60;

const DATE_COLUMNS = Object.entries(clipColumns)
  .filter(([, column]) => column.dataType === "date")
  .map(([key]) => key as keyof ClipRow);

/** JSON turns the row's Dates into strings; this turns them back. */
function reviveRow(row: ClipRow): ClipRow {
  const revived: Record<string, unknown> = { ...row };
  for (const key of DATE_COLUMNS) if (typeof revived[key] === "string") revived[key] = new Date(revived[key]);
  return revived as ClipRow;
}

const clipCodec = jsonCodec<CachedClip>((clip) => ({ ...clip, row: reviveRow(clip.row) }));

/** Every field of a list request, so no filter can leak into another request's cached page. */
function clipListKey(req: ClipListRequest) {
  const filters = JSON.stringify(req.filters, Object.keys(req.filters).sort());
  return [req.sort, req.timeframe, filters, req.limit, req.offset, req.cursor, req.withTotal];
}

/**
 * A page as its clip ids, shared by everyone and dropped by the `feeds` scope (a clip joining, leaving or changing
 * what the filters read). A vote does not drop it: its clip's row changes, and a page ordered by votes follows
 * within FEED_LIST_TTL_S.
 */
function clipIdPageCached(deps: Deps, req: ClipListRequest): Promise<CachedIdPage> {
  return deps.caching.cached(
    "feed-lists",
    clipListKey(req),
    deps.config.feedListTtlSeconds,
    async () => ({ ...(await listClipIds(deps.db, req)), listId: crypto.randomUUID() }),
    { dependsOn: [scopes.feeds] },
  );
}

/** Rows with their submitter, each cached until its clip changes (scope `clip:<id>`); a clip gone since is left out. */
async function clipsByIdCached(deps: Deps, ids: readonly string[]): Promise<CachedClip[]> {
  const found = await deps.caching.cachedMany(
    "clip",
    ids,
    CLIP_TTL_SECONDS,
    async (missing) => {
      const rows = await findClipsByIds(deps.db, missing);
      const submitters = await loadSubmitters(deps.db, rows);
      const of = (row: ClipRow) => submitters.filter((s) => s.id === row.submittedByUserId);
      return new Map(rows.map((row) => [row.id, { row, submitters: of(row) }]));
    },
    { codec: clipCodec, scopeOf: scopes.clip },
  );
  return found.filter((clip) => clip !== undefined);
}

/** One page of clips with their submitters (pass both to enrichClips, which adds the viewer's own state). */
export async function listClipsCached(deps: Deps, req: ClipListRequest): Promise<CachedClipPage> {
  const { ids, listId: _, ...page } = await clipIdPageCached(deps, req);
  const clips = await clipsByIdCached(deps, ids);
  return { ...page, rows: clips.map((c) => c.row), submitters: clips.flatMap((c) => c.submitters) };
}

/** A clip's wire JSON as a signed-out viewer sees it, and whether such a viewer may see the clip at all. */
interface ClipJson {
  listed: boolean;
  json: string;
}

/** Stored as "<1|0>\n<json>", so a hit is split, not parsed. */
const clipJsonCodec: TextCodec<ClipJson> = {
  toText: ({ listed, json }) => `${listed ? 1 : 0}\n${json}`,
  fromText: (text) => ({ listed: text[0] === "1", json: text.slice(2) }),
};

/** Each clip's signed-out JSON, cached per clip scope beside its row; a clip gone since is undefined. */
function clipJsonCached(deps: Deps, ids: readonly string[]): Promise<(ClipJson | undefined)[]> {
  return deps.caching.cachedMany(
    "clip-json",
    ids,
    CLIP_JSON_TTL_SECONDS,
    async (missing) => {
      const clips = await clipsByIdCached(deps, missing);
      const rows = clips.map((c) => c.row);
      const wire = await enrichClips(
        deps.db,
        rows,
        undefined,
        clips.flatMap((c) => c.submitters),
      );
      return new Map(wire.map((clip, i) => [clip.id, { listed: isListed(rows[i]!), json: JSON.stringify(clip) }]));
    },
    { codec: clipJsonCodec, scopeOf: scopes.clip },
  );
}

/**
 * The JSON array of these clips as a signed-out viewer sees them, joined from each clip's stored JSON (cached per
 * clip scope): a clip gone since, or one such a viewer may no longer see, is left out.
 */
export async function anonymousClipsJson(deps: Deps, ids: readonly string[]): Promise<string> {
  const clips = await clipJsonCached(deps, ids);
  return `[${clips.flatMap((clip) => (clip?.listed ? [clip.json] : [])).join(",")}]`;
}

/**
 * One page's whole body as a signed-out viewer gets it: `body` wraps the JSON array of its clips, joined from each
 * clip's stored JSON. The body is stored under its list and the versions of its clips' scopes, so a hit is sent as
 * stored, and a vote on one of its clips rebuilds it from the other clips' stored JSON and that clip's new one.
 * `dependsOn` names every scope the body was built under (for the response memo).
 */
export async function anonymousClipPageBody(
  deps: Deps,
  req: ClipListRequest,
  body: (clipsJson: string, page: ClipPageInfo) => string,
): Promise<{ text: string; dependsOn: string[] }> {
  const { ids, listId, ...page } = await clipIdPageCached(deps, req);
  const clipScopes = ids.map(scopes.clip);
  const build = async () => body(await anonymousClipsJson(deps, ids), page);
  const text = await deps.caching.cachedText("feed-bodies", [listId], deps.config.feedListTtlSeconds, build, {
    codec: plainText,
    dependsOn: clipScopes,
  });
  return { text, dependsOn: [scopes.feeds, ...clipScopes] };
}

/**
 * A clip's detail as a signed-out viewer sees it, by UUID or Twitch slug: its id, stored JSON and the scopes those
 * were read under, or undefined when such a viewer may not see it or it is not cached under the id its slug names
 * (findClipCached decides those).
 */
export async function anonymousClipDetail(deps: Deps, idOrSlug: string) {
  const id = await clipIdOf(deps, idOrSlug);
  const [clip] = id ? await clipJsonCached(deps, [id]) : [];
  if (!clip?.listed) return undefined;
  const dependsOn = isUuid(idOrSlug) ? [scopes.clip(id!)] : [SLUGS, scopes.clip(id!)];
  return { id: id!, json: clip.json, dependsOn };
}

const clipIdOf = (deps: Deps, idOrSlug: string): Promise<string | undefined> =>
  isUuid(idOrSlug)
    ? Promise.resolve(idOrSlug)
    : deps.caching.cached(SLUGS, [idOrSlug], CLIP_TTL_SECONDS, async () => {
        return (await findClip(deps.db, idOrSlug))?.id;
      });

/**
 * A clip's row and submitter by UUID or Twitch slug, cached until that clip changes (scope `clip:<id>`), so a detail
 * view by a signed-out visitor touches no database. A slug is resolved to its id through a cache of its own: the pair
 * never changes while the clip exists, and a clip deleted since is looked up again by slug.
 */
export async function findClipCached(deps: Deps, idOrSlug: string): Promise<CachedClip | undefined> {
  const id = await clipIdOf(deps, idOrSlug);
  if (!id) return undefined;
  const [clip] = await clipsByIdCached(deps, [id]);
  return clip ?? (isUuid(idOrSlug) ? undefined : withSubmitter(deps, await findClip(deps.db, idOrSlug)));
}

async function withSubmitter(deps: Deps, row: ClipRow | undefined): Promise<CachedClip | undefined> {
  return row && { row, submitters: await loadSubmitters(deps.db, [row]) };
}

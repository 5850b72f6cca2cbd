import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv, Principal } from "../../http/env";
import { optionalAuth } from "../../http/middleware/auth";
import { errorEnvelope } from "../../http/middleware/envelope";
import { returns } from "../../http/openapi/registry";
import { pageMeta } from "../../http/pagination";
import { memoizable } from "../../http/response-memo";
import { validate } from "../../http/validate";
import { toClipFilters } from "../feeds/schemas";
import { anonymousClipDetail, findClipCached, listClipsCached } from "./cached";
import { enrichClips } from "./enrich";
import { createClipManageRoutes } from "./manage-routes";
import { findRelatedClips } from "./related";
import { ClipDetail, ClipList, ClipListQuery, ClipPage, CreatorParams, isTwitchSlug, isUuid, Paging } from "./schemas";
import { canSeeClip } from "./visibility";

/** Contract family A: these routes answer errors as `{success:false, error:{code,message}}`. */
const familyA = errorEnvelope("standard");

const IdParam = z.object({ id: z.string().max(100) });

const isClipKey = (idOrSlug: string) => isUuid(idOrSlug) || isTwitchSlug(idOrSlug);

/** By UUID or Twitch slug; removed clips, and hidden ones for anyone but their submitter or a moderator, are 404. */
async function findVisibleClip(deps: Deps, idOrSlug: string, principal: Principal | undefined) {
  const clip = isClipKey(idOrSlug) ? await findClipCached(deps, idOrSlug) : undefined;
  if (!clip || !canSeeClip(clip.row, principal)) throw new AppError("CLIP_NOT_FOUND", "Clip not found");
  return clip;
}

export function createClipRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/clips", familyA, optionalAuth(deps), validate("query", ClipListQuery), returns(ClipPage), async (c) => {
      const q = c.req.valid("query");
      const filters = toClipFilters(q, {
        search: q.search || undefined,
        submittedByUserId: q.submitted_by_user_id,
        includeUnsubmitted: q.show_all_clips === "true" || q.show_all_clips === "1",
      });
      const page = await listClipsCached(deps, {
        sort: q.sort,
        timeframe: q.timeframe,
        filters,
        limit: q.limit,
        offset: (q.page - 1) * q.limit,
        withTotal: true,
      });
      const data = await enrichClips(deps.readDb, page.rows, c.get("principal")?.userId, page.submitters);
      return c.json({ success: true, data, meta: pageMeta(q.page, q.limit, page.total ?? 0) } satisfies ClipPage);
    })
    .get("/clips/:id", familyA, optionalAuth(deps), validate("param", IdParam), returns(ClipDetail), async (c) => {
      const principal = c.get("principal");
      const idOrSlug = c.req.valid("param").id;
      // Signed out, the clip's stored JSON is sent as it is (the same entry the feeds join).
      const stored = !principal && isClipKey(idOrSlug) ? await anonymousClipDetail(deps, idOrSlug) : undefined;
      if (stored) {
        deps.views.record(stored.id);
        // Its JSON drifts only by TTL (view counts, age: CLIP_JSON_TTL_SECONDS), so a replay may be 10 s older.
        memoizable(c, stored.dependsOn, { ttlMs: 10_000, onReplay: () => deps.views.record(stored.id) });
        return c.body(`{"success":true,"data":${stored.json}}`, 200, { "Content-Type": "application/json" });
      }
      const clip = await findVisibleClip(deps, idOrSlug, principal);
      deps.views.record(clip.row.id);
      const [data] = await enrichClips(deps.db, [clip.row], principal?.userId, clip.submitters);
      return c.json({ success: true, data: data! } satisfies ClipDetail);
    })
    .get("/clips/:id/related", familyA, validate("param", IdParam), returns(ClipList), async (c) => {
      const clip = await findVisibleClip(deps, c.req.valid("param").id, undefined);
      const data = await enrichClips(deps.readDb, await findRelatedClips(deps.readDb, clip.row));
      return c.json({ success: true, data } satisfies ClipList);
    })
    .get(
      "/creators/:creatorName/clips",
      familyA,
      optionalAuth(deps),
      validate("param", CreatorParams),
      validate("query", Paging),
      returns(ClipPage),
      async (c) => {
        const { page, limit } = c.req.valid("query");
        const result = await listClipsCached(deps, {
          sort: "new",
          filters: { creatorName: c.req.valid("param").creatorName },
          limit,
          offset: (page - 1) * limit,
          withTotal: true,
        });
        const data = await enrichClips(deps.readDb, result.rows, c.get("principal")?.userId, result.submitters);
        return c.json({ success: true, data, meta: pageMeta(page, limit, result.total ?? 0) } satisfies ClipPage);
      },
    )
    .get("/scraped-clips", familyA, validate("query", Paging), returns(ClipPage), (c) => {
      const { page, limit } = c.req.valid("query");
      return c.json({ success: true, data: [], meta: pageMeta(page, limit, 0) } satisfies ClipPage);
    })
    .route("/", createClipManageRoutes(deps));
}

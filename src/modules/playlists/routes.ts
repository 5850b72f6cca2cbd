import { type Context, Hono } from "hono";
import type { Principal } from "../../core/principal";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { optionalAuth, principalOf, requireAuth } from "../../http/middleware/auth";
import { errorEnvelope } from "../../http/middleware/envelope";
import { responds, returns } from "../../http/openapi/registry";
import { pageMeta } from "../../http/pagination";
import { validate } from "../../http/validate";
import { enrichClips } from "../clips/enrich";
import { listPlaylistClips, listPlaylists, loadPreviews, type PlaylistList, requireSummary } from "./repo";
import { PlaylistDetail, PlaylistPage, PlaylistParam, PlaylistQuery, PlaylistsQuery } from "./schemas";
import { toWirePlaylist } from "./wire";

const familyA = errorEnvelope("standard");

async function listPage(
  deps: Deps,
  c: Context<AppEnv>,
  list: PlaylistList,
  viewer: Principal | undefined,
  { page, limit }: { page: number; limit: number },
) {
  const { rows, total } = await listPlaylists(deps.db, { list, viewer, limit, offset: (page - 1) * limit });
  const previews = await loadPreviews(
    deps.db,
    rows.map((r) => r.playlist.id),
    viewer,
  );
  const data = rows.map((r) => toWirePlaylist(r, previews));
  return c.json({ success: true, data, meta: pageMeta(page, limit, total) } satisfies PlaylistPage);
}

/** The reads of the playlist pages (frontend/src/hooks/usePlaylist.ts), family A throughout. */
export function createPlaylistRoutes(deps: Deps) {
  const lists = [validate("query", PlaylistsQuery), returns(PlaylistPage)] as const;
  return (
    new Hono<AppEnv>()
      // Registered before /playlists/:id, which would otherwise take "public" and "featured" for ids.
      .get("/playlists", familyA, requireAuth(deps), ...lists, (c) =>
        listPage(deps, c, "own", principalOf(c), c.req.valid("query")),
      )
      .get("/playlists/public", familyA, optionalAuth(deps), ...lists, (c) =>
        listPage(deps, c, "public", c.get("principal"), c.req.valid("query")),
      )
      .get("/playlists/featured", familyA, optionalAuth(deps), ...lists, (c) =>
        listPage(deps, c, "featured", c.get("principal"), c.req.valid("query")),
      )
      .get(
        "/playlists/:id",
        familyA,
        optionalAuth(deps),
        responds(404),
        validate("param", PlaylistParam),
        validate("query", PlaylistQuery),
        returns(PlaylistDetail),
        async (c) => {
          const viewer = c.get("principal");
          const { id } = c.req.valid("param");
          const { page, limit } = c.req.valid("query");
          const summary = await requireSummary(deps.db, id, viewer);
          const [rows, previews] = await Promise.all([
            listPlaylistClips(deps.db, id, viewer, limit, (page - 1) * limit),
            loadPreviews(deps.db, [id], viewer),
          ]);
          const clips = await enrichClips(deps.db, rows, viewer?.userId);
          const playlist = toWirePlaylist(summary, previews);
          const data = { ...playlist, clips: clips.map((clip, i) => ({ ...clip, order: (page - 1) * limit + i })) };
          return c.json({
            success: true,
            data,
            meta: pageMeta(page, limit, playlist.clip_count),
          } satisfies PlaylistDetail);
        },
      )
  );
}

import { Hono } from "hono";
import type { Principal } from "../../core/principal";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { setLocation } from "../../http/location";
import { principalOf, requireAuth } from "../../http/middleware/auth";
import { errorEnvelope } from "../../http/middleware/envelope";
import { rateLimit } from "../../http/middleware/rate-limit";
import { responds, returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { addClips, removeClip, reorderClips } from "./items-repo";
import { loadPreviews, requireSummary } from "./repo";
import {
  AddClips,
  CreatePlaylist,
  PlaylistClipParam,
  PlaylistClipsAdded,
  PlaylistMessage,
  PlaylistParam,
  PlaylistResult,
  ReorderClips,
  UpdatePlaylist,
} from "./schemas";
import { writePlaylist } from "./service";
import { toWirePlaylist } from "./wire";
import { deletePlaylist, insertPlaylist, patchPlaylist } from "./write-repo";

const familyA = errorEnvelope("standard");

async function playlistOf(deps: Deps, id: string, viewer: Principal) {
  const [summary, previews] = await Promise.all([
    requireSummary(deps.db, id, viewer),
    loadPreviews(deps.db, [id], viewer),
  ]);
  return toWirePlaylist(summary, previews);
}

const message = (text: string): PlaylistMessage => ({ success: true, data: { message: text } });

/** Creating, editing and deleting playlists and their clips: the owner only (403 to other readers, 404 to the rest). */
export function createPlaylistManageRoutes(deps: Deps) {
  const auth = [familyA, requireAuth(deps)] as const;
  return new Hono<AppEnv>()
    .post(
      "/playlists",
      ...auth,
      rateLimit(deps, "POST /playlists"),
      responds(409),
      validate("json", CreatePlaylist),
      returns(PlaylistResult, 201),
      async (c) => {
        const viewer = principalOf(c);
        const id = await writePlaylist(deps, (tx) => insertPlaylist(tx, viewer, c.req.valid("json")));
        setLocation(c, "playlists", id);
        return c.json({ success: true, data: await playlistOf(deps, id, viewer) } satisfies PlaylistResult, 201);
      },
    )
    .patch(
      "/playlists/:id",
      ...auth,
      rateLimit(deps, "PATCH /playlists/:id"),
      responds(403, 404),
      validate("param", PlaylistParam),
      validate("json", UpdatePlaylist),
      returns(PlaylistResult),
      async (c) => {
        const viewer = principalOf(c);
        const { id } = c.req.valid("param");
        await writePlaylist(deps, (tx) => patchPlaylist(tx, viewer, id, c.req.valid("json")));
        return c.json({ success: true, data: await playlistOf(deps, id, viewer) } satisfies PlaylistResult);
      },
    )
    .delete(
      "/playlists/:id",
      ...auth,
      rateLimit(deps, "DELETE /playlists/:id"),
      responds(403, 404),
      validate("param", PlaylistParam),
      returns(PlaylistMessage),
      async (c) => {
        const viewer = principalOf(c);
        await writePlaylist(deps, (tx) => deletePlaylist(tx, viewer, c.req.valid("param").id));
        return c.json(message("Playlist deleted successfully"));
      },
    )
    .post(
      "/playlists/:id/clips",
      ...auth,
      rateLimit(deps, "POST /playlists/:id/clips"),
      responds(403, 404, 409),
      validate("param", PlaylistParam),
      validate("json", AddClips),
      returns(PlaylistClipsAdded),
      async (c) => {
        const viewer = principalOf(c);
        const added = await writePlaylist(deps, (tx) =>
          addClips(tx, viewer, c.req.valid("param").id, c.req.valid("json")),
        );
        return c.json({
          success: true,
          data: { message: "Clips added to playlist successfully", added },
        } satisfies PlaylistClipsAdded);
      },
    )
    .delete(
      "/playlists/:id/clips/:clip_id",
      ...auth,
      rateLimit(deps, "DELETE /playlists/:id/clips/:clip_id"),
      responds(403, 404),
      validate("param", PlaylistClipParam),
      returns(PlaylistMessage),
      async (c) => {
        const viewer = principalOf(c);
        const { id, clip_id } = c.req.valid("param");
        await writePlaylist(deps, (tx) => removeClip(tx, viewer, id, clip_id));
        return c.json(message("Clip removed from playlist successfully"));
      },
    )
    .put(
      "/playlists/:id/clips/order",
      ...auth,
      rateLimit(deps, "PUT /playlists/:id/clips/order"),
      responds(403, 404),
      validate("param", PlaylistParam),
      validate("json", ReorderClips),
      returns(PlaylistMessage),
      async (c) => {
        const viewer = principalOf(c);
        const { clip_ids } = c.req.valid("json");
        await writePlaylist(deps, (tx) => reorderClips(tx, viewer, c.req.valid("param").id, clip_ids));
        return c.json(message("Clips reordered successfully"));
      },
    );
}

import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth } from "../../http/middleware/auth";
import { errorEnvelope } from "../../http/middleware/envelope";
import { rateLimit } from "../../http/middleware/rate-limit";
import { responds, returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { PlaylistBookmarkState, PlaylistLikeState, PlaylistParam } from "./schemas";
import { writePlaylist } from "./service";
import { type Reaction, setReaction } from "./write-repo";

const familyA = errorEnvelope("standard");

/** Like and bookmark (PlaylistCard, PlaylistDetail): idempotent, on any playlist the caller may read. */
export function createPlaylistReactionRoutes(deps: Deps) {
  const likes = [familyA, requireAuth(deps), rateLimit(deps, "POST|DELETE /playlists/:id/like")] as const;
  const bookmarks = [familyA, requireAuth(deps), rateLimit(deps, "POST|DELETE /playlists/:id/bookmark")] as const;
  const param = validate("param", PlaylistParam);
  const react = (c: Parameters<typeof principalOf>[0], id: string, kind: Reaction, on: boolean) =>
    writePlaylist(deps, (tx) => setReaction(tx, principalOf(c), id, kind, on));

  return new Hono<AppEnv>()
    .post("/playlists/:id/like", ...likes, responds(404), param, returns(PlaylistLikeState), async (c) => {
      const like_count = await react(c, c.req.valid("param").id, "like", true);
      return c.json({
        success: true,
        data: { message: "Playlist liked successfully", is_liked: true, like_count },
      } satisfies PlaylistLikeState);
    })
    .delete("/playlists/:id/like", ...likes, responds(404), param, returns(PlaylistLikeState), async (c) => {
      const like_count = await react(c, c.req.valid("param").id, "like", false);
      return c.json({
        success: true,
        data: { message: "Playlist unliked successfully", is_liked: false, like_count },
      } satisfies PlaylistLikeState);
    })
    .post("/playlists/:id/bookmark", ...bookmarks, responds(404), param, returns(PlaylistBookmarkState), async (c) => {
      const bookmark_count = await react(c, c.req.valid("param").id, "bookmark", true);
      const data = { message: "Playlist bookmarked successfully", is_bookmarked: true, bookmark_count };
      return c.json({ success: true, data } satisfies PlaylistBookmarkState);
    })
    .delete(
      "/playlists/:id/bookmark",
      ...bookmarks,
      responds(404),
      param,
      returns(PlaylistBookmarkState),
      async (c) => {
        const bookmark_count = await react(c, c.req.valid("param").id, "bookmark", false);
        const data = { message: "Playlist bookmark removed", is_bookmarked: false, bookmark_count };
        return c.json({ success: true, data } satisfies PlaylistBookmarkState);
      },
    );
}

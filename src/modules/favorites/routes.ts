import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth } from "../../http/middleware/auth";
import { errorEnvelope } from "../../http/middleware/envelope";
import { returns } from "../../http/openapi/registry";
import { pageMeta } from "../../http/pagination";
import { lenientEnum } from "../../http/query-params";
import { validate } from "../../http/validate";
import { successData } from "../../http/wire-fields";
import { enrichClips } from "../clips/enrich";
import { ClipPage, Paging, parseClipId } from "../clips/schemas";
import { FAVORITE_SORTS, listFavorites } from "./repo";
import { setFavorite } from "./service";

const FavoritesQuery = Paging.extend({ sort: lenientEnum(FAVORITE_SORTS, "newest", "Order of the favourites.") });

const FavoriteState = successData(
  "FavoriteState",
  z.strictObject({ message: z.string().meta({ examples: ["Clip added to favorites"] }), is_favorited: z.boolean() }),
);
type FavoriteState = z.infer<typeof FavoriteState>;

const familyA = errorEnvelope("standard");

export function createFavoriteRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/clips/:id/favorite", familyA, requireAuth(deps), returns(FavoriteState), async (c) => {
      const clipId = parseClipId(c.req.param("id"));
      await setFavorite(deps, principalOf(c), clipId, true);
      return c.json({
        success: true,
        data: { message: "Clip added to favorites", is_favorited: true },
      } satisfies FavoriteState);
    })
    .delete("/clips/:id/favorite", familyA, requireAuth(deps), returns(FavoriteState), async (c) => {
      const clipId = parseClipId(c.req.param("id"));
      await setFavorite(deps, principalOf(c), clipId, false);
      return c.json({
        success: true,
        data: { message: "Clip removed from favorites", is_favorited: false },
      } satisfies FavoriteState);
    })
    .get("/favorites", familyA, requireAuth(deps), validate("query", FavoritesQuery), returns(ClipPage), async (c) => {
      const { page, limit, sort } = c.req.valid("query");
      const viewer = principalOf(c);
      const { rows, total } = await listFavorites(deps.db, { viewer, sort, limit, offset: (page - 1) * limit });
      const data = await enrichClips(deps.db, rows, viewer.userId);
      return c.json({ success: true, data, meta: pageMeta(page, limit, total) } satisfies ClipPage);
    });
}

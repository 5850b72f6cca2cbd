import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { optionalAuth, principalOf, requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { MessageBody } from "../../http/wire-fields";
import { listClipsCached } from "../clips/cached";
import { enrichClips } from "../clips/enrich";
import { ClipsPage } from "../clips/schemas";
import { type GameRow, gameStats, resolveGame, setGameFollow, trendingGames } from "./repo";
import { GameClipsQuery, GameDetail, GamePage, GameParam, PageQuery } from "./schemas";

/** Trending games aggregate every clip; a few minutes of staleness is fine for that list. */
const GAMES_TTL_SECONDS = 300;

async function requireGame(deps: Deps, key: string): Promise<GameRow> {
  const game = await resolveGame(deps.db, key);
  if (!game) throw new AppError("NOT_FOUND", "Game not found");
  return game;
}

export function createGameRoutes(deps: Deps) {
  const { db } = deps;

  return new Hono<AppEnv>()
    .get("/games/trending", validate("query", PageQuery), returns(GamePage), async (c) => {
      const { page, limit } = c.req.valid("query");
      const rows = await deps.caching.cached("games", ["trending", page, limit], GAMES_TTL_SECONDS, () =>
        trendingGames(db, { limit, offset: (page - 1) * limit }),
      );
      return c.json({ games: rows.slice(0, limit), page, limit, has_more: rows.length > limit } satisfies GamePage);
    })
    .get("/games/:gameId", optionalAuth(deps), validate("param", GameParam), returns(GameDetail), async (c) => {
      const game = await requireGame(deps, c.req.valid("param").gameId);
      const stats = await gameStats(db, game, c.get("principal")?.userId);
      return c.json({
        game: {
          id: game.id,
          twitch_game_id: game.twitchGameId,
          name: game.name,
          slug: game.slug,
          box_art_url: game.boxArtUrl,
          igdb_id: game.igdbId,
          created_at: game.createdAt.toISOString(),
          updated_at: game.updatedAt.toISOString(),
          clip_count: stats.clipCount,
          follower_count: stats.followerCount,
          is_following: stats.isFollowing,
        },
      } satisfies GameDetail);
    })
    .get(
      "/games/:gameId/clips",
      optionalAuth(deps),
      validate("param", GameParam),
      validate("query", GameClipsQuery),
      returns(ClipsPage),
      async (c) => {
        const game = await requireGame(deps, c.req.valid("param").gameId);
        const { page, limit, sort, timeframe } = c.req.valid("query");
        const found = await listClipsCached(deps, {
          sort,
          timeframe,
          filters: { gameId: game.twitchGameId },
          limit,
          offset: (page - 1) * limit,
          withTotal: true,
        });
        const list = await enrichClips(db, found.rows, c.get("principal")?.userId, found.submitters);
        return c.json({
          clips: list,
          total: found.total ?? 0,
          page,
          limit,
          has_more: found.hasMore,
        } satisfies ClipsPage);
      },
    )
    .on(
      ["POST", "DELETE"],
      "/games/:gameId/follow",
      requireAuth(deps),
      rateLimit(deps, "POST|DELETE /games/:gameId/follow"),
      validate("param", GameParam),
      returns(MessageBody),
      async (c) => {
        const game = await requireGame(deps, c.req.valid("param").gameId);
        const follow = c.req.method === "POST";
        await setGameFollow(db, principalOf(c).userId, game.id, follow);
        return c.json({
          message: follow ? "Successfully followed game" : "Successfully unfollowed game",
        } satisfies MessageBody);
      },
    );
}

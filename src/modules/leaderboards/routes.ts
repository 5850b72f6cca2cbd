import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { userRankName } from "./ranks";
import { type BoardUser, engagementBoard, karmaBoard } from "./repo";
import { LEADERBOARD_TYPES, Leaderboard, type LeaderboardEntry, LeaderboardQuery } from "./schemas";

const isBoardType = (type: string): type is Leaderboard["type"] =>
  (LEADERBOARD_TYPES as readonly string[]).includes(type);

/** Contract-level freshness for both boards (anchor §6.2: leaderboards 30 s). */
const BOARD_CACHE_SECONDS = 30;

const toEntry = (row: BoardUser & { score: number }, rank: number): LeaderboardEntry => ({
  rank,
  user_id: row.user_id,
  username: row.username,
  display_name: row.display_name,
  avatar_url: row.avatar_url,
  score: Number(row.score),
  user_rank: row.karma_points === null ? null : userRankName(row.karma_points),
});

export function createLeaderboardRoutes(deps: Deps) {
  return new Hono<AppEnv>().get(
    "/leaderboards/:type",
    validate("query", LeaderboardQuery),
    returns(Leaderboard),
    async (c) => {
      const type = c.req.param("type");
      if (!isBoardType(type)) {
        throw new AppError("INVALID_LEADERBOARD_TYPE", "Invalid leaderboard type", {
          details: { message: "Leaderboard type must be 'karma' or 'engagement'" },
        });
      }
      const { page, limit } = c.req.valid("query");
      const offset = (page - 1) * limit;

      const entries = await deps.caching.cached("leaderboards", [type, page, limit], BOARD_CACHE_SECONDS, async () => {
        if (type === "karma") {
          return (await karmaBoard(deps.readDb, { limit, offset })).map((r, i) => toEntry(r, offset + i + 1));
        }
        // The engagement board aggregates every activity table.
        return (await engagementBoard(deps.readDb, { limit, offset })).map((r, i) => ({
          ...toEntry(r, offset + i + 1),
          total_comments: r.total_comments,
          total_votes_cast: r.total_votes_cast,
          total_clips_submitted: r.total_clips_submitted,
        }));
      });
      return c.json({ type, page, limit, entries } satisfies Leaderboard);
    },
  );
}

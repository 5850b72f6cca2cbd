import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { clampedInt } from "../../http/query-params";
import { validate } from "../../http/validate";
import { userRankName } from "./ranks";
import { type BoardUser, engagementBoard, karmaBoard } from "./repo";

const LEADERBOARD_TYPES = ["karma", "engagement"] as const;
const DEFAULT_LIMIT = 50;
/** Contract-level freshness for both boards (anchor §6.2: leaderboards 30 s). */
const BOARD_CACHE_SECONDS = 30;

const LeaderboardQuery = z.object({
  page: clampedInt(1, 10_000, 1),
  // The original resets an out-of-range limit to the default instead of clamping it.
  limit: z
    .string()
    .max(20)
    .optional()
    .transform((v) => {
      const n = Number.parseInt(v ?? "", 10);
      return n >= 1 && n <= 100 ? n : DEFAULT_LIMIT;
    }),
});

const toEntry = (row: BoardUser & { score: number }, rank: number) => ({
  rank,
  user_id: row.user_id,
  username: row.username,
  display_name: row.display_name,
  avatar_url: row.avatar_url,
  score: Number(row.score),
  user_rank: userRankName(row.karma_points),
});

export function createLeaderboardRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/leaderboards/:type", validate("query", LeaderboardQuery), async (c) => {
    const type = c.req.param("type");
    if (!(LEADERBOARD_TYPES as readonly string[]).includes(type)) {
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
    return c.json({ type, page, limit, entries });
  });
}

import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { AppError } from "../../http/errors";
import { validate } from "../../http/validate";
import { clampedInt } from "../feeds/schemas";
import { userRankName } from "./ranks";
import { type BoardUser, engagementBoard, karmaBoard } from "./repo";

const LEADERBOARD_TYPES = ["karma", "engagement"] as const;
const DEFAULT_LIMIT = 50;
const ENGAGEMENT_CACHE_SECONDS = 60;

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

    if (type === "karma") {
      const rows = await karmaBoard(deps.db, { limit, offset });
      return c.json({ type, page, limit, entries: rows.map((r, i) => toEntry(r, offset + i + 1)) });
    }

    // The engagement board aggregates every activity table, so a page is shared for a minute.
    const key = `leaderboard:engagement:${page}:${limit}`;
    const cached = await deps.cache.get(key);
    if (cached) return c.json({ type, page, limit, entries: JSON.parse(cached) });
    const rows = await engagementBoard(deps.db, { limit, offset });
    const entries = rows.map((r, i) => ({
      ...toEntry(r, offset + i + 1),
      total_comments: r.total_comments,
      total_votes_cast: r.total_votes_cast,
      total_clips_submitted: r.total_clips_submitted,
    }));
    await deps.cache.set(key, JSON.stringify(entries), ENGAGEMENT_CACHE_SECONDS);
    return c.json({ type, page, limit, entries });
  });
}

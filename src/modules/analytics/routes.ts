import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { requireAuth, requirePermission } from "../../http/middleware/auth";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { readSnapshot, readTrend } from "./repo";
import {
  ContentBody,
  type ContentMetrics,
  OverviewBody,
  type PlatformOverview,
  TrendsBody,
  TrendsQuery,
} from "./schemas";

const EMPTY_OVERVIEW: PlatformOverview = {
  total_users: 0,
  active_users_daily: 0,
  active_users_monthly: 0,
  total_clips: 0,
  clips_added_today: 0,
  total_votes: 0,
  total_comments: 0,
  avg_session_duration: 0,
};
const EMPTY_CONTENT: ContentMetrics = {
  most_popular_games: [],
  most_popular_creators: [],
  trending_tags: [],
  avg_clip_vote_score: 0,
};

/**
 * AdminAnalyticsPage (frontend/src/lib/analytics-api.ts): bare objects read from the rollup tables the scheduled
 * job writes (src/jobs/analytics-rollup.ts), so a request never aggregates clips itself.
 */
export function createAnalyticsRoutes(deps: Deps) {
  const admin = [requireAuth(deps), requirePermission("analytics:read")] as const;
  return new Hono<AppEnv>()
    .get("/admin/analytics/overview", ...admin, returns(OverviewBody), async (c) => {
      const row = await readSnapshot(deps.db, "overview");
      const data = (row?.data as PlatformOverview | undefined) ?? EMPTY_OVERVIEW;
      return c.json({ ...data, computed_at: row?.computedAt.toISOString() ?? null } satisfies OverviewBody);
    })
    .get("/admin/analytics/content", ...admin, returns(ContentBody), async (c) => {
      const row = await readSnapshot(deps.db, "content");
      const data = (row?.data as ContentMetrics | undefined) ?? EMPTY_CONTENT;
      return c.json({ ...data, computed_at: row?.computedAt.toISOString() ?? null } satisfies ContentBody);
    })
    .get("/admin/analytics/trends", ...admin, validate("query", TrendsQuery), returns(TrendsBody), async (c) => {
      const { metric, days } = c.req.valid("query");
      const rows = await readTrend(deps.db, metric, days);
      const computedAt = rows.reduce<Date | null>(
        (latest, r) => (latest && latest > r.computedAt ? latest : r.computedAt),
        null,
      );
      const data = rows.map((r) => ({ date: r.date, value: r.value }));
      return c.json({ metric, days, data, computed_at: computedAt?.toISOString() ?? null } satisfies TrendsBody);
    });
}

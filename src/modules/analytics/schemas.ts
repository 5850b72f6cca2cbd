import { z } from "zod";
import { DAILY_METRICS } from "../../db/schema";
import { wireSchema } from "../../http/openapi/registry";
import { clampedInt, lenientEnum } from "../../http/query-params";
import { count, wireTime } from "../../http/wire-fields";

const computedAt = wireTime
  .nullable()
  .meta({ description: "When the rollup these figures come from ran; null before its first run." });
const number = z.number().meta({ examples: [1234] });

/** frontend/src/lib/analytics-api.ts PlatformOverviewMetrics (a bare object). */
export const PlatformOverview = z.strictObject({
  total_users: count,
  active_users_daily: count.meta({
    description: "Users who voted, commented, submitted, favourited or signed in in the last 24 hours.",
  }),
  active_users_monthly: count.meta({ description: "The same over the last 30 days." }),
  total_clips: count,
  clips_added_today: count,
  total_votes: count,
  total_comments: count,
  avg_session_duration: number.meta({ description: "Always 0: sessions are not tracked." }),
});
export type PlatformOverview = z.infer<typeof PlatformOverview>;
export const OverviewBody = wireSchema("AnalyticsOverview", PlatformOverview.extend({ computed_at: computedAt }));
export type OverviewBody = z.infer<typeof OverviewBody>;

const GameMetric = z.strictObject({
  game_id: z.string().nullable(),
  game_name: z.string(),
  clip_count: count,
  view_count: number,
});
const CreatorMetric = z.strictObject({
  creator_id: z.string().nullable(),
  creator_name: z.string(),
  clip_count: count,
  view_count: number,
  vote_score: z.number().int(),
});
const TagMetric = z.strictObject({ tag_id: z.guid(), tag_name: z.string(), usage_count: count });

/** frontend/src/lib/analytics-api.ts ContentMetrics. */
export const ContentMetrics = z.strictObject({
  most_popular_games: z.array(GameMetric),
  most_popular_creators: z.array(CreatorMetric),
  trending_tags: z.array(TagMetric).meta({ description: "Tags added to listed clips in the last 7 days." }),
  avg_clip_vote_score: z.number(),
});
export type ContentMetrics = z.infer<typeof ContentMetrics>;
export const ContentBody = wireSchema("AnalyticsContent", ContentMetrics.extend({ computed_at: computedAt }));
export type ContentBody = z.infer<typeof ContentBody>;

export const TrendsQuery = z.object({
  metric: lenientEnum(DAILY_METRICS, "users", "What to count per UTC day."),
  days: clampedInt(1, 365, 30),
});

export const TrendsBody = wireSchema(
  "AnalyticsTrends",
  z.strictObject({
    metric: z.enum(DAILY_METRICS),
    days: count,
    data: z.array(z.strictObject({ date: z.iso.date(), value: count })),
    computed_at: computedAt,
  }),
);
export type TrendsBody = z.infer<typeof TrendsBody>;

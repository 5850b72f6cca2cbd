import { z } from "zod";
import { wireSchema } from "../../http/openapi/registry";
import { clampedInt } from "../../http/query-params";
import { count, wireId, wireTime } from "../../http/wire-fields";

export const KarmaQuery = z.object({ limit: clampedInt(1, 100, 50) });

const int = z.number().int();

/** Contract §3.11 KarmaHistory and KarmaBreakdown. */
export const KarmaReport = wireSchema(
  "KarmaReport",
  z.strictObject({
    breakdown: z.strictObject({ clip_karma: int, comment_karma: int, total_karma: int }),
    history: z.array(
      z.strictObject({
        id: wireId,
        user_id: wireId,
        amount: int.meta({ examples: [1] }),
        source: z.string().meta({ examples: ["clip_vote"] }),
        source_id: wireId.nullable(),
        created_at: wireTime,
      }),
    ),
  }),
);
export type KarmaReport = z.infer<typeof KarmaReport>;

/** Contract §3.11 UserBadge; badges are derived from activity, so none is awarded by anyone. */
export const UserBadge = wireSchema(
  "UserBadge",
  z.strictObject({
    id: z.string(),
    badge_id: z.string().meta({ examples: ["first-clip"] }),
    awarded_at: wireTime,
    awarded_by: z.null(),
    name: z.string(),
    description: z.string(),
    icon: z.string(),
    category: z.enum(["contribution", "community", "milestone"]),
  }),
);
export type UserBadge = z.infer<typeof UserBadge>;

export const BadgeList = wireSchema("BadgeList", z.strictObject({ badges: z.array(UserBadge) }));
export type BadgeList = z.infer<typeof BadgeList>;

const score = int.min(0).max(100);

/** Contract §3.11 UserReputation (family E, bare); karma and rank are null when the user hides karma. */
export const UserReputation = wireSchema(
  "UserReputation",
  z.strictObject({
    user_id: wireId,
    username: z.string().meta({ examples: ["clipfan"] }),
    display_name: z.string(),
    avatar_url: z.string().nullable(),
    karma_points: int.nullable(),
    rank: z
      .string()
      .nullable()
      .meta({ examples: ["Member"] }),
    trust_score: score,
    engagement_score: z.number(),
    badges: z.array(UserBadge),
    stats: z.strictObject({
      user_id: wireId,
      trust_score: score,
      engagement_score: z.number(),
      total_comments: count,
      total_votes_cast: count,
      total_clips_submitted: count,
      correct_reports: count,
      incorrect_reports: count,
      days_active: count,
      last_active_date: wireTime.nullable(),
      updated_at: wireTime,
    }),
    created_at: wireTime,
  }),
);
export type UserReputation = z.infer<typeof UserReputation>;

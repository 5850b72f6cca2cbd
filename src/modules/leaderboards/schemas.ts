import { z } from "zod";
import { documentedAs, wireSchema } from "../../http/openapi/registry";
import { clampedInt } from "../../http/query-params";
import { count, PageMeta, wireId } from "../../http/wire-fields";

export const LEADERBOARD_TYPES = ["karma", "engagement"] as const;
const DEFAULT_LIMIT = 50;

export const LeaderboardQuery = z.object({
  page: clampedInt(1, 10_000, 1),
  // The original resets an out-of-range limit to the default instead of clamping it.
  limit: documentedAs(
    z
      .string()
      .max(20)
      .optional()
      .transform((v) => {
        const n = Number.parseInt(v ?? "", 10);
        return n >= 1 && n <= 100 ? n : DEFAULT_LIMIT;
      }),
    {
      type: "integer",
      minimum: 1,
      maximum: 100,
      default: DEFAULT_LIMIT,
      examples: [DEFAULT_LIMIT],
      description: `1–100. A value out of range (or unparsable) means ${DEFAULT_LIMIT}, not an error.`,
    },
  ),
});

const engagementTotal = count.optional().meta({ description: "Engagement board only." });

export const LeaderboardEntry = z.strictObject({
  rank: PageMeta.shape.page,
  user_id: wireId,
  username: z.string().meta({ examples: ["clipfan"] }),
  display_name: z.string().meta({ examples: ["ClipFan"] }),
  avatar_url: z.string().nullable(),
  score: z.number().int(),
  user_rank: z
    .string()
    .nullable()
    .meta({ examples: ["Veteran"], description: "Null when the user hides their karma." }),
  total_comments: engagementTotal,
  total_votes_cast: engagementTotal,
  total_clips_submitted: engagementTotal,
});
export type LeaderboardEntry = z.infer<typeof LeaderboardEntry>;

/** Contract family D: `{type, page, limit, entries}`. */
export const Leaderboard = wireSchema(
  "Leaderboard",
  z.strictObject({
    type: z.enum(LEADERBOARD_TYPES),
    page: PageMeta.shape.page,
    limit: PageMeta.shape.limit,
    entries: z.array(LeaderboardEntry),
  }),
);
export type Leaderboard = z.infer<typeof Leaderboard>;

import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { optionalAuth } from "../../http/middleware/auth";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { userRankName } from "../leaderboards/ranks";
import { userEngagement } from "../leaderboards/repo";
import { earnedBadges } from "./badges";
import { karmaBreakdown, karmaLedger, reportAccuracy, trustScore } from "./reputation";
import { BadgeList, KarmaQuery, KarmaReport, UserReputation } from "./reputation-schemas";
import { requireVisibleUser, UserIdParam } from "./schemas";

export function createReputationRoutes(deps: Deps) {
  const { db } = deps;

  return new Hono<AppEnv>()
    .get(
      "/users/:id/karma",
      optionalAuth(deps),
      validate("param", UserIdParam),
      validate("query", KarmaQuery),
      returns(KarmaReport),
      async (c) => {
        const { id } = c.req.valid("param");
        const { access } = await requireVisibleUser(db, c.get("principal"), id);
        if (!access.karma) throw new AppError("FORBIDDEN", "This user's karma is private");
        const [breakdown, history] = await Promise.all([
          karmaBreakdown(db, id),
          karmaLedger(db, id, c.req.valid("query").limit),
        ]);
        return c.json({ breakdown, history } satisfies KarmaReport);
      },
    )
    .get(
      "/users/:id/reputation",
      optionalAuth(deps),
      validate("param", UserIdParam),
      returns(UserReputation),
      async (c) => {
        const { id } = c.req.valid("param");
        const { user, access } = await requireVisibleUser(db, c.get("principal"), id);
        const [engagement, reports, badges] = await Promise.all([
          userEngagement(db, id),
          reportAccuracy(db, id),
          earnedBadges(db, user),
        ]);
        const trust = trustScore({
          createdAt: user.createdAt,
          karma: user.karmaPoints,
          isBanned: user.isBanned,
          correctReports: reports.correct,
          incorrectReports: reports.incorrect,
          comments: engagement.total_comments,
          votes: engagement.total_votes_cast,
          daysActive: engagement.days_active,
        });
        return c.json({
          user_id: user.id,
          username: user.username,
          display_name: user.displayName,
          avatar_url: user.avatarUrl,
          karma_points: access.karma ? user.karmaPoints : null,
          rank: access.karma ? userRankName(user.karmaPoints) : null,
          trust_score: trust,
          engagement_score: engagement.score,
          badges,
          stats: {
            user_id: user.id,
            trust_score: trust,
            engagement_score: engagement.score,
            total_comments: engagement.total_comments,
            total_votes_cast: engagement.total_votes_cast,
            total_clips_submitted: engagement.total_clips_submitted,
            correct_reports: reports.correct,
            incorrect_reports: reports.incorrect,
            days_active: engagement.days_active,
            last_active_date: engagement.last_active_at?.toISOString() ?? null,
            updated_at: new Date().toISOString(),
          },
          created_at: user.createdAt.toISOString(),
        } satisfies UserReputation);
      },
    )
    .get("/users/:id/badges", optionalAuth(deps), validate("param", UserIdParam), returns(BadgeList), async (c) => {
      const { user } = await requireVisibleUser(db, c.get("principal"), c.req.valid("param").id);
      return c.json({ badges: await earnedBadges(db, user) } satisfies BadgeList);
    });
}

import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth } from "../../http/middleware/auth";
import { errorEnvelope } from "../../http/middleware/envelope";
import { rateLimit } from "../../http/middleware/rate-limit";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { count, successData } from "../../http/wire-fields";
import { parseClipId } from "../clips/schemas";
import { castVote } from "./service";

// 0 removes the vote; the original rejected it, so a clip vote could never be taken back.
const VoteBody = z.object({ vote: z.union([z.literal(1), z.literal(-1), z.literal(0)]) });

const VoteResult = successData(
  "VoteResult",
  z.strictObject({
    message: z.string().meta({ examples: ["Vote recorded successfully"] }),
    vote_score: z.number().int(),
    upvote_count: count,
    downvote_count: count,
    user_vote: z.union([z.literal(1), z.literal(-1)]).nullable(),
  }),
);

export function createVoteRoutes(deps: Deps) {
  return new Hono<AppEnv>().post(
    "/clips/:id/vote",
    errorEnvelope("standard"),
    requireAuth(deps),
    rateLimit(deps, "POST /clips/:id/vote"),
    validate("json", VoteBody),
    returns(VoteResult),
    async (c) => {
      const clipId = parseClipId(c.req.param("id"));
      const { vote } = c.req.valid("json");
      const result = await castVote(deps, { voter: principalOf(c), clipId, vote });
      return c.json({
        success: true,
        data: {
          message: vote === 0 ? "Vote removed successfully" : "Vote recorded successfully",
          vote_score: result.voteScore,
          upvote_count: result.upvoteCount,
          downvote_count: result.downvoteCount,
          user_vote: result.userVote === 0 ? null : result.userVote,
        },
      } satisfies z.infer<typeof VoteResult>);
    },
  );
}

import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { returns } from "../../http/openapi/registry";
import { PublicConfig } from "./schemas";

export function createMetaRoutes(deps: Deps) {
  const { karma } = deps.config;
  return new Hono<AppEnv>().get("/config", returns(PublicConfig), (c) =>
    c.json({
      karma: {
        initial_karma_points: karma.initialPoints,
        submission_karma_required: karma.submissionRequired,
        require_karma_for_submission: karma.requireForSubmission,
      },
    } satisfies PublicConfig),
  );
}

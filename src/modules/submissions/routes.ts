import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { returns } from "../../http/openapi/registry";
import { pageMeta } from "../../http/pagination";
import { parseClipSlug } from "./clip-url";
import { findClipBySlug, findLatestSubmission, listUserSubmissions, submissionStats } from "./repo";
import {
  CheckParam,
  CreateSubmissionBody,
  MetadataQuery,
  MetadataResult,
  PageQuery,
  SubmissionCheck,
  SubmissionCreated,
  SubmissionPage,
  SubmissionStats,
  validateField,
} from "./schemas";
import { createSubmission, INVALID_CLIP_URL } from "./service";
import { lookupTwitchClip } from "./twitch-lookup";
import { toClipMetadata, toWireSubmission } from "./wire";

export function createSubmissionRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get(
      "/submissions/metadata",
      requireAuth(deps),
      rateLimit(deps, "GET /submissions/metadata"),
      validateField("query", MetadataQuery),
      returns(MetadataResult),
      async (c) => {
        const slug = parseClipSlug(c.req.valid("query").url);
        if (!slug) throw new AppError("VALIDATION_ERROR", INVALID_CLIP_URL, { details: { field: "url" } });
        return c.json({
          success: true,
          data: toClipMetadata(await lookupTwitchClip(deps, slug)),
        } satisfies MetadataResult);
      },
    )
    .get(
      "/submissions/check/:clip_id",
      requireAuth(deps),
      rateLimit(deps, "GET /submissions/check/:clip_id"),
      validateField("param", CheckParam),
      returns(SubmissionCheck),
      async (c) => {
        const slug = c.req.valid("param").clip_id;
        const clip = await findClipBySlug(deps.db, slug);
        if (clip) {
          return c.json({
            success: true,
            exists: true,
            can_be_claimed: !clip.submittedByUserId && !clip.isRemoved,
            clip: {
              id: clip.id,
              title: clip.title,
              broadcaster_name: clip.broadcasterName,
              game_name: clip.gameName,
              view_count: clip.viewCount,
              created_at: clip.createdAt.toISOString(),
            },
          } satisfies SubmissionCheck);
        }
        const live = (await findLatestSubmission(deps.db, slug))?.status;
        return c.json({
          success: true,
          exists: live === "pending" || live === "approved",
          can_be_claimed: false,
        } satisfies SubmissionCheck);
      },
    )
    .post(
      "/submissions",
      requireAuth(deps),
      rateLimit(deps, "POST /submissions"),
      validateField("json", CreateSubmissionBody),
      returns(SubmissionCreated, 201),
      async (c) => {
        const { row, autoApproved } = await createSubmission(deps, principalOf(c), c.req.valid("json"));
        const message = autoApproved ? "Clip submitted and auto-approved!" : "Clip submitted for review";
        return c.json({ success: true, message, submission: toWireSubmission(row) } satisfies SubmissionCreated, 201);
      },
    )
    .get("/submissions", requireAuth(deps), validateField("query", PageQuery), returns(SubmissionPage), async (c) => {
      const { page, limit } = c.req.valid("query");
      const { rows, total } = await listUserSubmissions(deps.db, { userId: principalOf(c).userId, page, limit });
      return c.json({
        success: true,
        data: rows.map(toWireSubmission),
        meta: pageMeta(page, limit, total),
      } satisfies SubmissionPage);
    })
    .get("/submissions/stats", requireAuth(deps), returns(SubmissionStats), async (c) => {
      return c.json({
        success: true,
        data: await submissionStats(deps.db, principalOf(c).userId),
      } satisfies SubmissionStats);
    });
}

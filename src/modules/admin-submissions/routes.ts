import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth, requirePermission } from "../../http/middleware/auth";
import { returns } from "../../http/openapi/registry";
import { pageMeta } from "../../http/pagination";
import { validate } from "../../http/validate";
import { toWireQueueItem } from "../submissions/wire";
import { listQueue } from "./repo";
import {
  BulkBody,
  BulkReviewed,
  IdParam,
  QueuePage,
  QueueQuery,
  REJECTION_REASONS,
  RejectBody,
  RejectionReasons,
  Reviewed,
} from "./schemas";
import { reviewSubmissions } from "./service";

function requiredReason(reason: string | undefined): string {
  if (!reason) throw new AppError("VALIDATION_ERROR", "Rejection reason is required");
  return reason;
}

export function createAdminSubmissionRoutes(deps: Deps) {
  const reviewer = [requireAuth(deps), requirePermission("submissions:review")] as const;
  return new Hono<AppEnv>()
    .get("/admin/submissions", ...reviewer, validate("query", QueueQuery), returns(QueuePage), async (c) => {
      const filters = c.req.valid("query");
      const { rows, total } = await listQueue(deps.db, filters);
      const data = rows.map((r) => toWireQueueItem(r.submission, r.user));
      return c.json({ success: true, data, meta: pageMeta(filters.page, filters.limit, total) } satisfies QueuePage);
    })
    .get("/admin/submissions/rejection-reasons", ...reviewer, returns(RejectionReasons), (c) =>
      c.json({ success: true, data: [...REJECTION_REASONS] } satisfies RejectionReasons),
    )
    .post(
      "/admin/submissions/bulk-approve",
      ...reviewer,
      validate("json", BulkBody),
      returns(BulkReviewed),
      async (c) => {
        const ids = c.req.valid("json").submission_ids;
        const count = await reviewSubmissions(deps, {
          ids,
          reviewerId: principalOf(c).userId,
          review: { decision: "approve" },
        });
        return c.json({ success: true, message: `${count} submission(s) approved`, count } satisfies BulkReviewed);
      },
    )
    .post(
      "/admin/submissions/bulk-reject",
      ...reviewer,
      validate("json", BulkBody),
      returns(BulkReviewed),
      async (c) => {
        const body = c.req.valid("json");
        const reason = requiredReason(body.reason);
        const review = { decision: "reject", reason } as const;
        const count = await reviewSubmissions(deps, {
          ids: body.submission_ids,
          reviewerId: principalOf(c).userId,
          review,
        });
        return c.json({ success: true, message: `${count} submission(s) rejected`, count } satisfies BulkReviewed);
      },
    )
    .post("/admin/submissions/:id/approve", ...reviewer, validate("param", IdParam), returns(Reviewed), async (c) => {
      const ids = [c.req.valid("param").id];
      await reviewSubmissions(deps, { ids, reviewerId: principalOf(c).userId, review: { decision: "approve" } });
      return c.json({ success: true, message: "Submission approved" } satisfies Reviewed);
    })
    .post(
      "/admin/submissions/:id/reject",
      ...reviewer,
      validate("param", IdParam),
      validate("json", RejectBody),
      returns(Reviewed),
      async (c) => {
        const review = { decision: "reject", reason: requiredReason(c.req.valid("json").reason) } as const;
        await reviewSubmissions(deps, { ids: [c.req.valid("param").id], reviewerId: principalOf(c).userId, review });
        return c.json({ success: true, message: "Submission rejected" } satisfies Reviewed);
      },
    );
}

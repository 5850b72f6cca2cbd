import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { setLocation } from "../../http/location";
import { principalOf, requireAuth, requirePermission } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { MessageBody } from "../../http/wire-fields";
import { findReport, listReports, toWireReport } from "./repo";
import {
  CreateReport,
  Report,
  ReportCreated,
  ReportIdParam,
  ReportListQuery,
  ReportPage,
  ReviewReport,
} from "./schemas";
import { createReport, reviewReport } from "./service";

export function createReportRoutes(deps: Deps) {
  const review = [requireAuth(deps), requirePermission("reports:review")] as const;
  return new Hono<AppEnv>()
    .post(
      "/reports",
      requireAuth(deps),
      rateLimit(deps, "POST /reports"),
      validate("json", CreateReport),
      returns(ReportCreated, 201),
      async (c) => {
        const report = await createReport(deps.db, { reporterId: principalOf(c).userId, ...c.req.valid("json") });
        setLocation(c, "admin", "reports", report.id);
        return c.json(
          { message: "Report submitted successfully", report: toWireReport(report) } satisfies ReportCreated,
          201,
        );
      },
    )
    .get("/admin/reports", ...review, validate("query", ReportListQuery), returns(ReportPage), async (c) => {
      const q = c.req.valid("query");
      const { rows, total } = await listReports(deps.db, { ...q, offset: (q.page - 1) * q.limit });
      return c.json({
        data: rows.map(toWireReport),
        meta: { page: q.page, limit: q.limit, total, total_pages: Math.ceil(total / q.limit) },
      } satisfies ReportPage);
    })
    .get("/admin/reports/:id", ...review, validate("param", ReportIdParam), returns(Report), async (c) => {
      const report = await findReport(deps.db, c.req.valid("param").id);
      if (!report) throw new AppError("NOT_FOUND", "Report not found");
      return c.json(toWireReport(report) satisfies Report);
    })
    .put(
      "/admin/reports/:id",
      ...review,
      validate("param", ReportIdParam),
      validate("json", ReviewReport),
      returns(MessageBody),
      async (c) => {
        const body = c.req.valid("json");
        await reviewReport(deps, {
          id: c.req.valid("param").id,
          reviewerId: principalOf(c).userId,
          status: body.status,
          action: body.action ?? null,
        });
        return c.json({ message: "Report updated successfully" } satisfies MessageBody);
      },
    );
}

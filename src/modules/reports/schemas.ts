import { z } from "zod";
import { REPORT_REASONS, REPORT_STATUSES, REPORT_TYPES } from "../../db/schema";
import { documentedAs, wireSchema } from "../../http/openapi/registry";
import { clampedInt } from "../../http/query-params";
import { count, MessageBody, PageMeta, wireId, wireTime } from "../../http/wire-fields";

const isKnownReason = (v: string): v is (typeof REPORT_REASONS)[number] =>
  (REPORT_REASONS as readonly string[]).includes(v);

/**
 * Both spellings the SPA sends: `{reportable_type, reportable_id}` (report dialog) and `{target_type, target_id}`
 * (comment menu, whose reasons such as off-topic or misinformation become `other`, keeping the original word).
 */
export const CreateReport = z
  .object({
    reportable_type: z.string().max(20).optional(),
    reportable_id: z.string().max(100).optional(),
    target_type: z.string().max(20).optional(),
    target_id: z.string().max(100).optional(),
    reason: z.string({ error: "reason is required" }).trim().toLowerCase().min(1, "reason is required").max(50),
    description: z.string().trim().max(1000).nullish(),
  })
  .transform((b) => ({
    type: b.reportable_type ?? b.target_type,
    id: b.reportable_id ?? b.target_id,
    reason: isKnownReason(b.reason) ? b.reason : "other",
    description: b.description || (isKnownReason(b.reason) ? null : `Reported as: ${b.reason}`),
  }))
  .pipe(
    z.object({
      type: z.enum(REPORT_TYPES, { error: "reportable_type must be clip, comment or user" }),
      id: z.guid("reportable_id must be a UUID"),
      reason: z.enum(REPORT_REASONS),
      description: z.string().nullable(),
    }),
  );

/** An empty value or `all` means no filter. */
const filter = <T extends readonly [string, ...string[]]>(values: T) =>
  documentedAs(
    z
      .string()
      .max(20)
      .optional()
      .transform((v) => (v === "" || v === "all" ? undefined : v))
      .pipe(z.enum(values).optional()),
    {
      type: "string",
      enum: [...values, "all"],
      description: "`all` (or nothing) means no filter; another value is a 400.",
    },
  );

export const ReportListQuery = z.object({
  page: clampedInt(1, 10_000, 1),
  limit: clampedInt(1, 100, 20),
  status: filter(REPORT_STATUSES),
  type: filter(REPORT_TYPES),
});

export const ReportIdParam = z.object({ id: z.guid("Invalid report ID") });

export const ReviewReport = z.object({
  status: z.enum(REPORT_STATUSES),
  action: z.string().trim().max(100).nullish(),
});

/** A report as moderators see it. */
export const Report = wireSchema(
  "Report",
  z.strictObject({
    id: wireId,
    reporter_id: wireId,
    reportable_type: z.enum(REPORT_TYPES),
    reportable_id: wireId,
    reason: z.enum(REPORT_REASONS),
    description: z.string().nullable(),
    status: z.enum(REPORT_STATUSES),
    action: z.string().nullable(),
    reviewed_by: wireId.nullable(),
    reviewed_at: wireTime.nullable(),
    created_at: wireTime,
    updated_at: wireTime,
  }),
);
export type Report = z.infer<typeof Report>;

export const ReportCreated = wireSchema("ReportCreated", z.strictObject({ ...MessageBody.shape, report: Report }));
export type ReportCreated = z.infer<typeof ReportCreated>;

/** `{data, meta}` without `success`, as the moderation page reads it. */
export const ReportPage = wireSchema(
  "ReportPage",
  z.strictObject({
    data: z.array(Report),
    meta: z.strictObject({ page: PageMeta.shape.page, limit: PageMeta.shape.limit, total: count, total_pages: count }),
  }),
);
export type ReportPage = z.infer<typeof ReportPage>;

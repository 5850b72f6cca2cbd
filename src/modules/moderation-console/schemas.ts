import { z } from "zod";
import { REPORT_REASONS, REPORT_TYPES } from "../../db/schema";
import { dateQueryParam } from "../../http/dates";
import { uuidField } from "../../http/ids";
import { wireSchema } from "../../http/openapi/registry";
import { clampedInt, lenientEnum } from "../../http/query-params";
import { count, success, wireId, wireTime } from "../../http/wire-fields";

/** The console's queue statuses (frontend/src/lib/moderation-api.ts) and the report status each one is. */
export const QUEUE_STATUS = {
  pending: "pending",
  approved: "dismissed",
  rejected: "actioned",
  escalated: "reviewed",
} as const;
export type QueueStatus = keyof typeof QUEUE_STATUS;
const QUEUE_STATUSES = Object.keys(QUEUE_STATUS) as [QueueStatus, ...QueueStatus[]];

export const QueueQuery = z.object({
  status: lenientEnum(QUEUE_STATUSES, "pending", "Which decisions to list."),
  type: z.enum(REPORT_TYPES, { error: "type must be clip, comment or user" }).optional(),
  limit: clampedInt(1, 100, 50),
});

export const ItemParam = z.object({ id: uuidField("Invalid item ID") });
const reason = z.string().trim().max(500).optional();
export const RejectBody = z.object({ reason });
export const BulkBody = z.object({
  item_ids: z.array(z.guid("Invalid item ID")).min(1, "item_ids must not be empty").max(100),
  action: z.enum(["approve", "reject", "escalate"], { error: "action must be approve, reject or escalate" }),
  reason,
});

export const QueueItem = z.strictObject({
  id: wireId,
  content_type: z.enum(REPORT_TYPES),
  content_id: wireId,
  reason: z.enum(REPORT_REASONS),
  description: z.string().nullable(),
  priority: z.number().int().min(0).max(100),
  status: z.enum(QUEUE_STATUSES),
  reported_by: z.array(wireId).meta({ description: "Everyone who reported the same content." }),
  report_count: count,
  auto_flagged: z.literal(false).meta({ description: "Nothing is flagged automatically: every item is a report." }),
  created_at: wireTime,
  reviewed_at: wireTime.nullable(),
  reviewed_by: wireId.nullable(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueuePage = wireSchema(
  "ModerationQueue",
  z.strictObject({
    success,
    data: z.array(QueueItem),
    meta: z.strictObject({ count, limit: count, status: z.enum(QUEUE_STATUSES) }),
  }),
);
export type QueuePage = z.infer<typeof QueuePage>;

const tally = z.record(z.string(), count);
export const QueueStats = z.strictObject({
  total_pending: count,
  total_approved: count,
  total_rejected: count,
  total_escalated: count,
  by_content_type: tally,
  by_reason: tally,
  auto_flagged_count: count,
  user_reported_count: count,
  high_priority_count: count,
  oldest_pending_age_hours: z.number().nullable(),
});
export type QueueStats = z.infer<typeof QueueStats>;
export const QueueStatsBody = wireSchema("ModerationQueueStats", z.strictObject({ success, data: QueueStats }));
export type QueueStatsBody = z.infer<typeof QueueStatsBody>;

export const DecisionBody = wireSchema("ModerationDecision", z.strictObject({ success, message: z.string() }));
export type DecisionBody = z.infer<typeof DecisionBody>;
export const BulkResult = wireSchema(
  "ModerationBulkResult",
  z.strictObject({ success, processed: count, total: count, failed: z.array(wireId) }),
);
export type BulkResult = z.infer<typeof BulkResult>;

/** AuditLogViewer's filters; dates may be bare days (a whole UTC day) or timestamps. */
export const AuditLogsQuery = z.object({
  actor: uuidField("actor must be a user ID").optional(),
  action: z.string().trim().max(100).optional(),
  target: z.string().trim().max(100).optional(),
  channel: z.string().max(100).optional(),
  startDate: dateQueryParam("from"),
  endDate: dateQueryParam("to"),
  search: z.string().trim().max(200).optional(),
  limit: clampedInt(1, 100, 50),
  offset: clampedInt(0, 1_000_000, 0),
});

const party = z.strictObject({ id: z.string(), username: z.string() });
export const AuditLogsBody = wireSchema(
  "ModerationAuditLogs",
  z.strictObject({
    logs: z.array(
      z.strictObject({
        id: wireId,
        action: z.string(),
        entityType: z.string(),
        actor: party,
        target: party,
        reason: z.string(),
        createdAt: wireTime,
        metadata: z.record(z.string(), z.unknown()),
      }),
    ),
    total: count,
    limit: count,
    offset: count,
  }),
);
export type AuditLogsBody = z.infer<typeof AuditLogsBody>;

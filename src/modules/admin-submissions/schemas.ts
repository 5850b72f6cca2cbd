import { z } from "zod";
import { SUBMISSION_STATUSES } from "../../db/schema";
import { dateQueryParam } from "../../http/dates";
import { uuidField } from "../../http/ids";
import { wireSchema } from "../../http/openapi/registry";
import { clampedInt } from "../../http/query-params";
import { count, PageMeta, success, successData } from "../../http/wire-fields";
import { QueueItem } from "../submissions/wire";

const tagValues = z
  .union([z.string().max(1100), z.array(z.string().max(50)).max(20)])
  .optional()
  .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(",")).map((s) => s.trim().toLowerCase()).filter(Boolean));

export const QueueQuery = z
  .object({
    page: clampedInt(1, 10_000, 1),
    limit: clampedInt(1, 100, 20),
    status: z.enum(SUBMISSION_STATUSES).default("pending"),
    is_nsfw: z.enum(["true", "false"]).optional(),
    broadcaster: z.string().trim().max(100).optional(),
    creator: z.string().trim().max(100).optional(),
    // axios sends arrays as `tags[]=a&tags[]=b`; a comma-joined `tags=a,b` works too.
    tags: tagValues,
    "tags[]": tagValues,
    start_date: dateQueryParam("from"),
    end_date: dateQueryParam("to"),
  })
  .transform(({ "tags[]": bracketed, tags, ...rest }) => ({ ...rest, tags: [...new Set([...tags, ...bracketed])] }));

export const IdParam = z.object({ id: z.uuid() });

export const RejectBody = z.object({ reason: z.string().trim().max(1000).optional() });

export const BulkBody = z.object({
  submission_ids: z.array(uuidField()).min(1).max(100),
  reason: z.string().trim().max(1000).optional(),
});

/** Presets the moderator UI offers; a free-text reason is accepted as well. */
export const REJECTION_REASONS = [
  { code: "low_quality", label: "Low quality or unclear clip" },
  { code: "duplicate", label: "Duplicate of an existing clip" },
  { code: "off_topic", label: "Off-topic or not interesting" },
  { code: "inappropriate", label: "Inappropriate or offensive content" },
  { code: "nsfw_unmarked", label: "NSFW content not marked as NSFW" },
  { code: "misleading_title", label: "Misleading title or tags" },
  { code: "spam", label: "Spam or self-promotion" },
  { code: "copyright", label: "Copyright or DMCA concern" },
  { code: "other", label: "Other" },
] as const;

export const QueuePage = wireSchema(
  "SubmissionQueuePage",
  z.strictObject({ success, data: z.array(QueueItem), meta: PageMeta }),
);
export type QueuePage = z.infer<typeof QueuePage>;

export const RejectionReasons = successData(
  "RejectionReasons",
  z.array(
    z.strictObject({
      code: z.string().meta({ examples: ["low_quality"] }),
      label: z.string().meta({ examples: ["Low quality or unclear clip"] }),
    }),
  ),
);
export type RejectionReasons = z.infer<typeof RejectionReasons>;

const message = z.string().meta({ examples: ["Submission approved"] });

export const Reviewed = wireSchema("SubmissionReviewed", z.strictObject({ success, message }));
export type Reviewed = z.infer<typeof Reviewed>;
export const BulkReviewed = wireSchema(
  "SubmissionsReviewed",
  z.strictObject({ success, message, count: count.meta({ description: "Submissions the review changed." }) }),
);
export type BulkReviewed = z.infer<typeof BulkReviewed>;

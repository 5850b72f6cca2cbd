import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { AppError } from "../../core/errors";
import { documented, wireSchema } from "../../http/openapi/registry";
import { clampedInt } from "../../http/query-params";
import { count, PageMeta, success, successData, wireId, wireTime } from "../../http/wire-fields";
import { TAG_SLUG } from "../tags/schemas";
import { isClipSlug } from "./clip-url";
import { ClipMetadata, WireSubmission } from "./wire";

/** Like validate(), but also names the failing field: the submission endpoints' 400 shape (contract §1.7). */
export function validateField<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const validator = zValidator(target, schema, (result) => {
    if (result.success) return;
    const issue = result.error.issues[0];
    const field = issue?.path.length ? String(issue.path[0]) : target;
    throw new AppError("VALIDATION_ERROR", issue?.message ?? "Invalid request", { details: { field } });
  });
  return documented(validator, { target, schema });
}

/** Blank optional strings count as absent, as the SPA sends "" for untouched inputs. */
const optionalText = (inner: z.ZodString) =>
  z
    .string()
    .nullish()
    .transform((v) => v?.trim() || undefined)
    .pipe(inner.optional());

const tagList = z
  .array(z.string().max(100, "Tags must be at most 50 characters"))
  .max(10, "Too many tags (no more than 10 tags allowed)")
  .nullish()
  .transform((list) => [...new Set((list ?? []).map((tag) => tag.trim().toLowerCase()).filter(Boolean))])
  .pipe(
    z.array(
      z
        .string()
        .min(2, "Tags must be at least 2 characters")
        .max(50, "Tags must be at most 50 characters")
        .regex(TAG_SLUG, "Tags can only contain letters, numbers, and hyphens, and must start with a letter or number"),
    ),
  );

export const CreateSubmissionBody = z.object({
  clip_url: z
    .string({ error: "Clip URL is required" })
    .trim()
    .min(1, "Clip URL is required")
    .max(500, "Clip URL is too long (maximum 500 characters)"),
  custom_title: optionalText(
    z
      .string()
      .min(3, "Custom title must be at least 3 characters long")
      .max(200, "Custom title is too long (maximum 200 characters)"),
  ),
  broadcaster_name_override: optionalText(
    z
      .string()
      .min(2, "Broadcaster name must be at least 2 characters long")
      .max(100, "Broadcaster name is too long (maximum 100 characters)")
      .regex(/^[A-Za-z0-9_]+$/, "Broadcaster name can only contain letters, numbers, and underscores"),
  ),
  tags: tagList,
  is_nsfw: z.boolean({ error: "is_nsfw must be a boolean" }).default(false),
  submission_reason: optionalText(z.string().max(1000, "Submission reason is too long (maximum 1000 characters)")),
});
export type CreateSubmissionBody = z.infer<typeof CreateSubmissionBody>;

export const MetadataQuery = z.object({
  url: z.string({ error: "A Twitch clip URL is required" }).max(500, "URL is too long (maximum 500 characters)"),
});

export const CheckParam = z.object({
  clip_id: z.string().refine(isClipSlug, "Invalid Twitch clip ID"),
});

export const PageQuery = z.object({
  page: clampedInt(1, 10_000, 1),
  limit: clampedInt(1, 100, 20),
});

export const MetadataResult = successData("ClipMetadataResult", ClipMetadata);
export type MetadataResult = z.infer<typeof MetadataResult>;

/** Whether a Twitch clip is already here; `clip` only when it is. */
export const SubmissionCheck = wireSchema(
  "SubmissionCheck",
  z.strictObject({
    success,
    exists: z.boolean(),
    can_be_claimed: z.boolean().meta({ description: "The clip exists but nobody submitted it yet." }),
    clip: z
      .strictObject({
        id: wireId,
        title: z.string().meta({ examples: ["Insane clutch"] }),
        broadcaster_name: z.string().nullable(),
        game_name: z.string().nullable(),
        view_count: count,
        created_at: wireTime,
      })
      .optional(),
  }),
);
export type SubmissionCheck = z.infer<typeof SubmissionCheck>;

export const SubmissionCreated = wireSchema(
  "SubmissionCreated",
  z.strictObject({
    success,
    message: z.string().meta({ examples: ["Clip submitted for review"] }),
    submission: WireSubmission,
  }),
);
export type SubmissionCreated = z.infer<typeof SubmissionCreated>;

export const SubmissionPage = wireSchema(
  "SubmissionPage",
  z.strictObject({ success, data: z.array(WireSubmission), meta: PageMeta }),
);
export type SubmissionPage = z.infer<typeof SubmissionPage>;

export const SubmissionStats = successData(
  "SubmissionStats",
  z.strictObject({
    user_id: wireId,
    total_submissions: count,
    approved_count: count,
    rejected_count: count,
    pending_count: count,
    approval_rate: z
      .number()
      .min(0)
      .max(100)
      .meta({ examples: [87.5], description: "Percent of reviewed submissions approved." }),
  }),
);
export type SubmissionStats = z.infer<typeof SubmissionStats>;

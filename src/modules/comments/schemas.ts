import { z } from "zod";
import { clampedInt } from "../../http/query-params";

export const COMMENT_SORTS = ["best", "new", "old", "controversial"] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

/** Unknown sorts (the UI's `top` included) fall back to best, as the original did. */
const sortParam = z
  .string()
  .max(20)
  .optional()
  .transform(
    (v): CommentSort => ((COMMENT_SORTS as readonly string[]).includes(v ?? "") ? (v as CommentSort) : "best"),
  );

const flag = z
  .string()
  .max(10)
  .optional()
  .transform((v) => v === "true" || v === "1");

export const CommentListQuery = z.object({
  sort: sortParam,
  limit: clampedInt(1, 100, 50),
  cursor: clampedInt(0, 100_000, 0),
  include_replies: flag,
});

export const IdParam = z.object({ id: z.guid("Invalid ID") });

const content = z.string().trim().min(1, "content is required").max(10_000, "content must be at most 10000 characters");

export const CreateComment = z.object({
  content,
  parent_comment_id: z.guid("Invalid parent_comment_id").nullish(),
});

export const EditComment = z.object({ content });

export const DeleteComment = z.object({
  reason: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((v) => v || undefined),
});

export const CommentVote = z.object({
  vote: z.union([z.literal(-1), z.literal(0), z.literal(1)], { error: "vote must be -1, 0 or 1" }),
});

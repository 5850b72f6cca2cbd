import { z } from "zod";
import { wireSchema } from "../../http/openapi/registry";
import { clampedInt, lenientEnum } from "../../http/query-params";
import { count } from "../../http/wire-fields";
import { WireComment } from "./wire";

export const COMMENT_SORTS = ["best", "new", "old", "controversial"] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

/** Unknown sorts (the UI's `top` included) fall back to best, as the original did. */
const sortParam = lenientEnum(COMMENT_SORTS, "best", "Order of the comments.");

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

const pageFields = {
  next_cursor: count.meta({ description: "Pass as `cursor` for the next page (an offset)." }),
  has_more: z.boolean().meta({ description: "The page was full." }),
  total: count,
};

export const CommentPage = wireSchema("CommentPage", z.strictObject({ comments: z.array(WireComment), ...pageFields }));
export type CommentPage = z.infer<typeof CommentPage>;

export const ReplyPage = wireSchema("ReplyPage", z.strictObject({ replies: z.array(WireComment), ...pageFields }));
export type ReplyPage = z.infer<typeof ReplyPage>;

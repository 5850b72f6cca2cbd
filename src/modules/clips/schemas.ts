import { z } from "zod";
import { AppError } from "../../core/errors";
import { uuidField } from "../../http/ids";
import { wireSchema } from "../../http/openapi/registry";
import { pageQuery } from "../../http/query-params";
import { count, MessageBody, PageMeta, success, successData } from "../../http/wire-fields";
import { clipListParams } from "../feeds/schemas";
import { Clip } from "./wire";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TWITCH_SLUG = /^[A-Za-z0-9_-]{1,100}$/;

export const isUuid = (value: string) => UUID.test(value);
export const isTwitchSlug = (value: string) => TWITCH_SLUG.test(value);

/** Clip mutations take the UUID only; anything else is the contract's 400 INVALID_CLIP_ID, never a Postgres error. */
export function parseClipId(value: string | undefined): string {
  if (!value || !isUuid(value)) throw new AppError("INVALID_CLIP_ID", "Invalid clip ID");
  return value.toLowerCase();
}

export const Paging = pageQuery(25);

const flag = z.enum(["true", "false", "1", "0"]).optional();

export const ClipListQuery = z.object({
  ...clipListParams("hot"),
  ...Paging.shape,
  search: z.string().trim().max(200).optional(),
  submitted_by_user_id: uuidField().optional(),
  show_all_clips: flag,
});

export const CreatorParams = z.object({ creatorName: z.string().min(1).max(100) });

export const ModerateClip = z
  .object({
    is_featured: z.boolean().optional(),
    is_nsfw: z.boolean().optional(),
    is_removed: z.boolean().optional(),
    removed_reason: z.string().trim().max(500).nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: "provide at least one of is_featured, is_nsfw, is_removed, removed_reason",
  });

export const RemoveClip = z.object({ reason: z.string().trim().min(1).max(500).optional() });

export const UpdateClipMetadata = z.object({
  title: z.string().trim().min(1).max(255),
  tags: z.array(z.string().max(50)).max(20).optional(),
});

export const UpdateClipVisibility = z.object({ is_hidden: z.boolean() });

/** Family A lists: `{success, data: Clip[], meta}`. */
export const ClipPage = wireSchema("ClipPage", z.strictObject({ success, data: z.array(Clip), meta: PageMeta }));
export type ClipPage = z.infer<typeof ClipPage>;
export const ClipDetail = wireSchema("ClipDetail", z.strictObject({ success, data: Clip }));
export type ClipDetail = z.infer<typeof ClipDetail>;
export const ClipList = wireSchema("ClipList", z.strictObject({ success, data: z.array(Clip) }));
export type ClipList = z.infer<typeof ClipList>;
/** Family D clip lists (games, categories): `{clips, total, page, limit, has_more}`. */
export const ClipsPage = wireSchema(
  "ClipsPage",
  z.strictObject({
    clips: z.array(Clip),
    total: count,
    page: PageMeta.shape.page,
    limit: PageMeta.shape.limit,
    has_more: z.boolean(),
  }),
);
export type ClipsPage = z.infer<typeof ClipsPage>;
export const ClipMessage = successData("ClipMessage", MessageBody);
export type ClipMessage = z.infer<typeof ClipMessage>;
export const ClipVisibility = successData(
  "ClipVisibility",
  z.strictObject({ message: z.string().meta({ examples: ["Clip hidden successfully"] }), is_hidden: z.boolean() }),
);
export type ClipVisibility = z.infer<typeof ClipVisibility>;

import { z } from "zod";
import { wireSchema } from "../../http/openapi/registry";
import { clampedInt, lenientEnum } from "../../http/query-params";
import { count, MessageBody, PageMeta } from "../../http/wire-fields";
import { Clip } from "../clips/wire";
import { WireTag } from "./wire";

export const TAG_SLUG = /^[a-z0-9][a-z0-9-]{1,49}$/;

export const TagListQuery = z.object({
  sort: lenientEnum(["popularity", "alphabetical", "recent"], "popularity", "Order of the tags."),
  limit: clampedInt(1, 100, 50),
  page: clampedInt(1, 10_000, 1),
});

export const TagSearchQuery = z.object({
  q: z.string({ error: "q is required" }).trim().min(1, "q is required").max(100),
  limit: clampedInt(1, 50, 10),
});

export const TagClipsQuery = z.object({ limit: clampedInt(1, 100, 20), page: clampedInt(1, 10_000, 1) });

export const SlugParam = z.object({ slug: z.string().max(100) });
export const ClipIdParam = z.object({ id: z.guid("Invalid clip ID") });
export const ClipTagParams = z.object({ id: z.guid("Invalid clip ID"), slug: z.string().max(100) });
export const TagIdParam = z.object({ id: z.guid("Invalid tag ID") });

/** Slugs are lower-cased; malformed ones are skipped rather than failing the request (contract §2.4). */
export const AddClipTags = z.object({
  tag_slugs: z
    .array(z.string().max(200))
    .min(1, "tag_slugs must contain at least one slug")
    .max(10, "at most 10 tags per request")
    .transform((slugs) => [...new Set(slugs.map((s) => s.trim().toLowerCase()).filter((s) => TAG_SLUG.test(s)))]),
});

const name = z.string().trim().min(2).max(50);
const slug = z.string().trim().toLowerCase().regex(TAG_SLUG, "slug must be 2-50 characters of a-z, 0-9 and -");
const description = z.string().trim().max(500).nullish();
const color = z
  .string()
  .regex(/^#[0-9A-Fa-f]{6}$/, "color must be #RRGGBB")
  .nullish();

export const CreateTag = z.object({ name, slug, description, color });
export const UpdateTag = z
  .object({ name: name.optional(), slug: slug.optional(), description, color })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "nothing to update");

const pageFields = {
  total: count,
  page: PageMeta.shape.page,
  limit: PageMeta.shape.limit,
  has_more: z.boolean(),
};

export const TagPage = wireSchema("TagPage", z.strictObject({ tags: z.array(WireTag), ...pageFields }));
export type TagPage = z.infer<typeof TagPage>;
/** `{tags}`: a search's matches or a clip's tags. */
export const TagList = wireSchema("TagList", z.strictObject({ tags: z.array(WireTag) }));
export type TagList = z.infer<typeof TagList>;
export const TagDetail = wireSchema("TagDetail", z.strictObject({ tag: WireTag, clip_count: count }));
export type TagDetail = z.infer<typeof TagDetail>;
export const TagClipPage = wireSchema(
  "TagClipPage",
  z.strictObject({ tag: WireTag, clips: z.array(Clip), ...pageFields }),
);
export type TagClipPage = z.infer<typeof TagClipPage>;
export const ClipTagged = wireSchema(
  "ClipTagged",
  z.strictObject({ ...MessageBody.shape, clip: Clip, tags: z.array(WireTag) }),
);
export type ClipTagged = z.infer<typeof ClipTagged>;
/** A tag an admin created or edited. */
export const TagSaved = wireSchema("TagSaved", z.strictObject({ ...MessageBody.shape, tag: WireTag }));
export type TagSaved = z.infer<typeof TagSaved>;

import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { setLocation } from "../../http/location";
import { optionalAuth, principalOf, requireAuth, requirePermission } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { MessageBody } from "../../http/wire-fields";
import { enrichClips } from "../clips/enrich";
import { countTagClips, findTag, listClipTags, listTagClips, listTags, searchTags } from "./repo";
import {
  AddClipTags,
  ClipIdParam,
  ClipTagged,
  ClipTagParams,
  CreateTag,
  SlugParam,
  TagClipPage,
  TagClipsQuery,
  TagDetail,
  TagIdParam,
  TagList,
  TagListQuery,
  TagPage,
  TagSaved,
  TagSearchQuery,
  UpdateTag,
} from "./schemas";
import { createTag, editTag, removeTag, tagClip, untagClip } from "./service";
import { toWireTag } from "./wire";

/** Tag lists are invalidated exactly on tag writes (scope `tags`); the TTL only bounds usage-count drift. */
const TAGS_TTL_SECONDS = 600;

async function tagBySlug(deps: Deps, slug: string) {
  const tag = await findTag(deps.db, { slug: slug.toLowerCase() });
  if (!tag) throw new AppError("NOT_FOUND", "Tag not found");
  return tag;
}

export function createTagRoutes(deps: Deps) {
  const manage = [requireAuth(deps), requirePermission("tags:manage")] as const;
  return new Hono<AppEnv>()
    .get("/tags", validate("query", TagListQuery), returns(TagPage), async (c) => {
      const q = c.req.valid("query");
      const { tags, total } = await deps.caching.cached(
        "tags",
        ["list", q.sort, q.page, q.limit],
        TAGS_TTL_SECONDS,
        async () => {
          const found = await listTags(deps.db, { sort: q.sort, limit: q.limit, offset: (q.page - 1) * q.limit });
          return { tags: found.rows.map(toWireTag), total: found.total };
        },
      );
      return c.json({
        tags,
        total,
        page: q.page,
        limit: q.limit,
        has_more: q.page * q.limit < total,
      } satisfies TagPage);
    })
    .get(
      "/tags/search",
      rateLimit(deps, "GET /tags/search"),
      validate("query", TagSearchQuery),
      returns(TagList),
      async (c) => {
        const q = c.req.valid("query");
        const tags = await deps.caching.cached("tags", ["search", q.q, q.limit], TAGS_TTL_SECONDS, async () =>
          (await searchTags(deps.db, q.q, q.limit)).map(toWireTag),
        );
        return c.json({ tags } satisfies TagList);
      },
    )
    .get("/tags/:slug", validate("param", SlugParam), returns(TagDetail), async (c) => {
      const tag = await tagBySlug(deps, c.req.valid("param").slug);
      return c.json({ tag: toWireTag(tag), clip_count: await countTagClips(deps.db, tag.id) } satisfies TagDetail);
    })
    .get(
      "/tags/:slug/clips",
      optionalAuth(deps),
      validate("param", SlugParam),
      validate("query", TagClipsQuery),
      returns(TagClipPage),
      async (c) => {
        const { page, limit } = c.req.valid("query");
        const tag = await tagBySlug(deps, c.req.valid("param").slug);
        const [rows, total] = await Promise.all([
          listTagClips(deps.readDb, { tagId: tag.id, limit, offset: (page - 1) * limit }),
          countTagClips(deps.readDb, tag.id),
        ]);
        const clips = await enrichClips(deps.readDb, rows, c.get("principal")?.userId);
        return c.json({
          tag: toWireTag(tag),
          clips,
          total,
          page,
          limit,
          has_more: page * limit < total,
        } satisfies TagClipPage);
      },
    )
    .get("/clips/:id/tags", optionalAuth(deps), validate("param", ClipIdParam), returns(TagList), async (c) => {
      const tags = await listClipTags(deps.db, c.req.valid("param").id, c.get("principal"));
      return c.json({ tags: tags.map(toWireTag) } satisfies TagList);
    })
    .post(
      "/clips/:id/tags",
      requireAuth(deps),
      rateLimit(deps, "POST /clips/:id/tags"),
      validate("param", ClipIdParam),
      validate("json", AddClipTags),
      returns(ClipTagged),
      async (c) => {
        const principal = principalOf(c);
        const clipId = c.req.valid("param").id;
        const clip = await tagClip(deps, principal, clipId, c.req.valid("json").tag_slugs);
        const [tags, [wireClip]] = await Promise.all([
          listClipTags(deps.db, clipId, principal),
          enrichClips(deps.db, [clip], principal.userId),
        ]);
        return c.json({
          message: "Tags added successfully",
          clip: wireClip!,
          tags: tags.map(toWireTag),
        } satisfies ClipTagged);
      },
    )
    .delete(
      "/clips/:id/tags/:slug",
      requireAuth(deps),
      validate("param", ClipTagParams),
      returns(MessageBody),
      async (c) => {
        const { id, slug } = c.req.valid("param");
        await untagClip(deps, principalOf(c), id, slug);
        return c.json({ message: "Tag removed successfully" } satisfies MessageBody);
      },
    )
    .post("/admin/tags", ...manage, validate("json", CreateTag), returns(TagSaved, 201), async (c) => {
      const tag = await createTag(deps, c.req.valid("json"));
      setLocation(c, "tags", tag.slug);
      return c.json({ message: "Tag created successfully", tag: toWireTag(tag) } satisfies TagSaved, 201);
    })
    .put(
      "/admin/tags/:id",
      ...manage,
      validate("param", TagIdParam),
      validate("json", UpdateTag),
      returns(TagSaved),
      async (c) => {
        const tag = await editTag(deps, c.req.valid("param").id, c.req.valid("json"));
        return c.json({ message: "Tag updated successfully", tag: toWireTag(tag) } satisfies TagSaved);
      },
    )
    .delete("/admin/tags/:id", ...manage, validate("param", TagIdParam), returns(MessageBody), async (c) => {
      await removeTag(deps, c.req.valid("param").id);
      return c.json({ message: "Tag deleted successfully" } satisfies MessageBody);
    });
}

import { assertOwnerOr } from "../../core/auth/permissions";
import { AppError } from "../../core/errors";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { mutate, type Writer } from "../../db/mutation";
import { clipChanged, scopes } from "../../platform/cache/scopes";
import { lockVisibleClip } from "../clips/visibility";
import { writeOutbox } from "../outbox/repo";
import {
  attachTags,
  clipTagIds,
  deleteTag,
  detachTag,
  ensureTags,
  findTag,
  insertTag,
  type TagRow,
  tagNameTaken,
  updateTag,
} from "./repo";

export const MAX_TAGS_PER_CLIP = 15;

/** A clip's tags are on its row and move the tags' usage counts. */
const clipTagsChanged = (clipId: string) => [...clipChanged(clipId), scopes.tags];
/** Feed pages filter by tag slug, so an edited or deleted tag changes them too. */
const tagRenamed = [scopes.tags, scopes.feeds];

/** Only the clip's submitter or a tag manager may change its tags (the original let anyone), and only a visible clip's. */
async function lockOwnedClip(tx: Db, principal: Principal, clipId: string) {
  const clip = await lockVisibleClip(tx, clipId, principal);
  assertOwnerOr(principal, clip.submittedByUserId, "tags:manage");
  return clip;
}

export async function tagClip(deps: Writer, principal: Principal, clipId: string, slugs: string[]) {
  if (slugs.length === 0) throw new AppError("INVALID_REQUEST", "No valid tag slugs (2-50 characters of a-z, 0-9, -)");
  return mutate(deps, async (tx) => {
    const clip = await lockOwnedClip(tx, principal, clipId);
    const existing = new Set(await clipTagIds(tx, clipId));
    const found = (await ensureTags(tx, slugs)).filter((tag) => !existing.has(tag.id));
    if (existing.size + found.length > MAX_TAGS_PER_CLIP) {
      throw new AppError("INVALID_REQUEST", `A clip can have at most ${MAX_TAGS_PER_CLIP} tags`);
    }
    await attachTags(tx, { clipId, tagIds: found.map((t) => t.id), userId: principal.userId });
    await writeOutbox(tx, { aggregateType: "clip", aggregateId: clipId });
    return { result: clip, invalidates: clipTagsChanged(clipId) };
  });
}

export async function untagClip(deps: Writer, principal: Principal, clipId: string, slug: string): Promise<void> {
  await mutate(deps, async (tx) => {
    await lockOwnedClip(tx, principal, clipId);
    const tag = await findTag(tx, { slug: slug.toLowerCase() });
    if (!tag || !(await detachTag(tx, clipId, tag.id))) throw new AppError("NOT_FOUND", "Tag is not on this clip");
    await writeOutbox(tx, { aggregateType: "clip", aggregateId: clipId });
    return { result: undefined, invalidates: clipTagsChanged(clipId) };
  });
}

type TagInput = { name?: string; slug?: string; description?: string | null; color?: string | null };

export async function createTag(deps: Writer, input: TagInput & { name: string; slug: string }): Promise<TagRow> {
  return mutate(deps, async (tx) => {
    const tag = await insertTag(tx, input);
    if (!tag) throw new AppError("CONFLICT", "A tag with this name or slug already exists");
    await writeOutbox(tx, { aggregateType: "tag", aggregateId: tag.id });
    return { result: tag, invalidates: [scopes.tags] };
  });
}

export async function editTag(deps: Writer, id: string, input: TagInput): Promise<TagRow> {
  return mutate(deps, async (tx) => {
    if (await tagNameTaken(tx, { name: input.name, slug: input.slug, exceptId: id })) {
      throw new AppError("CONFLICT", "A tag with this name or slug already exists");
    }
    const tag = await updateTag(tx, id, input);
    if (!tag) throw new AppError("NOT_FOUND", "Tag not found");
    await writeOutbox(tx, { aggregateType: "tag", aggregateId: id });
    return { result: tag, invalidates: tagRenamed };
  });
}

export async function removeTag(deps: Writer, id: string): Promise<void> {
  await mutate(deps, async (tx) => {
    if (!(await deleteTag(tx, id))) throw new AppError("NOT_FOUND", "Tag not found");
    await writeOutbox(tx, { aggregateType: "tag", aggregateId: id });
    return { result: undefined, invalidates: tagRenamed };
  });
}

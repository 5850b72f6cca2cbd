import { assertOwnerOr } from "../../core/auth/permissions";
import { AppError } from "../../core/errors";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
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

/** Only the clip's submitter or a tag manager may change its tags (the original let anyone), and only a visible clip's. */
async function lockOwnedClip(tx: Db, principal: Principal, clipId: string) {
  const clip = await lockVisibleClip(tx, clipId, principal);
  assertOwnerOr(principal, clip.submittedByUserId, "tags:manage");
  return clip;
}

export async function tagClip(db: Db, principal: Principal, clipId: string, slugs: string[]) {
  if (slugs.length === 0) throw new AppError("INVALID_REQUEST", "No valid tag slugs (2-50 characters of a-z, 0-9, -)");
  return db.transaction(async (tx) => {
    const clip = await lockOwnedClip(tx, principal, clipId);
    const existing = new Set(await clipTagIds(tx, clipId));
    const found = (await ensureTags(tx, slugs)).filter((tag) => !existing.has(tag.id));
    if (existing.size + found.length > MAX_TAGS_PER_CLIP) {
      throw new AppError("INVALID_REQUEST", `A clip can have at most ${MAX_TAGS_PER_CLIP} tags`);
    }
    await attachTags(tx, { clipId, tagIds: found.map((t) => t.id), userId: principal.userId });
    await writeOutbox(tx, { aggregateType: "clip", aggregateId: clipId });
    return clip;
  });
}

export async function untagClip(db: Db, principal: Principal, clipId: string, slug: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOwnedClip(tx, principal, clipId);
    const tag = await findTag(tx, { slug: slug.toLowerCase() });
    if (!tag || !(await detachTag(tx, clipId, tag.id))) throw new AppError("NOT_FOUND", "Tag is not on this clip");
    await writeOutbox(tx, { aggregateType: "clip", aggregateId: clipId });
  });
}

type TagInput = { name?: string; slug?: string; description?: string | null; color?: string | null };

export async function createTag(db: Db, input: TagInput & { name: string; slug: string }): Promise<TagRow> {
  return db.transaction(async (tx) => {
    const tag = await insertTag(tx, input);
    if (!tag) throw new AppError("CONFLICT", "A tag with this name or slug already exists");
    await writeOutbox(tx, { aggregateType: "tag", aggregateId: tag.id });
    return tag;
  });
}

export async function editTag(db: Db, id: string, input: TagInput): Promise<TagRow> {
  return db.transaction(async (tx) => {
    if (await tagNameTaken(tx, { name: input.name, slug: input.slug, exceptId: id })) {
      throw new AppError("CONFLICT", "A tag with this name or slug already exists");
    }
    const tag = await updateTag(tx, id, input);
    if (!tag) throw new AppError("NOT_FOUND", "Tag not found");
    await writeOutbox(tx, { aggregateType: "tag", aggregateId: id });
    return tag;
  });
}

export async function removeTag(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await deleteTag(tx, id))) throw new AppError("NOT_FOUND", "Tag not found");
    await writeOutbox(tx, { aggregateType: "tag", aggregateId: id });
  });
}

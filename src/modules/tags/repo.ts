import { and, asc, count, desc, eq, ilike, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { escapeLike } from "../../db/like";
import { clips, clipTags, tags } from "../../db/schema";
import { feedableClips } from "../clips/feedable";
import { clipVisibleTo } from "../clips/visibility";
import { type ClipRow, clipColumns } from "../clips/wire";
import { writeOutbox } from "../outbox/repo";

export type TagRow = typeof tags.$inferSelect;
export type TagSort = "popularity" | "alphabetical" | "recent";

const ORDERS: Record<TagSort, SQL[]> = {
  popularity: [desc(tags.usageCount), asc(tags.name)],
  alphabetical: [asc(tags.name)],
  recent: [desc(tags.createdAt), asc(tags.name)],
};

export async function listTags(db: Db, p: { sort: TagSort; limit: number; offset: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(tags)
      .orderBy(...ORDERS[p.sort])
      .limit(p.limit)
      .offset(p.offset),
    db.select({ n: count() }).from(tags),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Substring match on name or slug (trigram-indexed), prefix matches first, then the most used. */
export async function searchTags(db: Db, query: string, limit: number): Promise<TagRow[]> {
  const term = escapeLike(query);
  return db
    .select()
    .from(tags)
    .where(or(ilike(tags.name, `%${term}%`), ilike(tags.slug, `%${term}%`)))
    .orderBy(sql`${tags.name} ilike ${`${term}%`} desc`, desc(tags.usageCount), asc(tags.name))
    .limit(limit);
}

export async function findTag(db: Db, by: { slug: string } | { id: string }): Promise<TagRow | undefined> {
  const [row] = await db
    .select()
    .from(tags)
    .where("slug" in by ? eq(tags.slug, by.slug) : eq(tags.id, by.id));
  return row;
}

export async function countTagClips(db: Db, tagId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(clipTags)
    .innerJoin(clips, eq(clips.id, clipTags.clipId))
    .where(and(eq(clipTags.tagId, tagId), feedableClips()));
  return row?.n ?? 0;
}

export async function listTagClips(db: Db, p: { tagId: string; limit: number; offset: number }): Promise<ClipRow[]> {
  return db
    .select(clipColumns)
    .from(clipTags)
    .innerJoin(clips, eq(clips.id, clipTags.clipId))
    .where(and(eq(clipTags.tagId, p.tagId), feedableClips()))
    .orderBy(desc(clips.createdAt), desc(clips.id))
    .limit(p.limit)
    .offset(p.offset);
}

/** One indexed lookup on clip_tags' primary key: the SPA calls this once per clip card. */
/** A clip's tags; none for a clip the viewer may not see, as for a missing one (ClipCards call this per card). */
export async function listClipTags(db: Db, clipId: string, viewer: Principal | undefined): Promise<TagRow[]> {
  return db
    .select({ tag: tags })
    .from(clipTags)
    .innerJoin(tags, eq(tags.id, clipTags.tagId))
    .innerJoin(clips, eq(clips.id, clipTags.clipId))
    .where(and(eq(clipTags.clipId, clipId), clipVisibleTo(viewer)))
    .orderBy(asc(tags.name))
    .then((rows) => rows.map((r) => r.tag));
}

export const tagNameFromSlug = (slug: string) => slug.charAt(0).toUpperCase() + slug.slice(1);

/**
 * Creates the tags that do not exist yet (queueing each new one for search) and returns all of them; a slug whose
 * derived name is already taken stays unresolved. Sorted so concurrent requests take the index locks in one order.
 */
export async function ensureTags(tx: Db, slugs: string[]): Promise<TagRow[]> {
  const created = await tx
    .insert(tags)
    .values([...slugs].sort().map((slug) => ({ slug, name: tagNameFromSlug(slug) })))
    .onConflictDoNothing()
    .returning({ id: tags.id });
  for (const { id } of created) await writeOutbox(tx, { aggregateType: "tag", aggregateId: id });
  return tx.select().from(tags).where(inArray(tags.slug, slugs));
}

/** Attaches tags to a clip; usage_count moves only for the pairs actually inserted. */
export async function attachTags(tx: Db, p: { clipId: string; tagIds: string[]; userId: string }): Promise<void> {
  if (p.tagIds.length === 0) return;
  const added = await tx
    .insert(clipTags)
    .values(p.tagIds.map((tagId) => ({ clipId: p.clipId, tagId, addedByUserId: p.userId })))
    .onConflictDoNothing()
    .returning({ tagId: clipTags.tagId });
  if (added.length === 0) return;
  await tx
    .update(tags)
    .set({ usageCount: sql`${tags.usageCount} + 1` })
    .where(
      inArray(
        tags.id,
        added.map((a) => a.tagId),
      ),
    );
}

export async function detachTag(tx: Db, clipId: string, tagId: string): Promise<boolean> {
  const removed = await tx
    .delete(clipTags)
    .where(and(eq(clipTags.clipId, clipId), eq(clipTags.tagId, tagId)))
    .returning({ tagId: clipTags.tagId });
  if (removed.length === 0) return false;
  await tx
    .update(tags)
    .set({ usageCount: sql`greatest(${tags.usageCount} - 1, 0)` })
    .where(eq(tags.id, tagId));
  return true;
}

export async function insertTag(tx: Db, values: typeof tags.$inferInsert): Promise<TagRow | undefined> {
  const [row] = await tx.insert(tags).values(values).onConflictDoNothing().returning();
  return row;
}

/** Whether another tag already uses this name or slug. */
export async function tagNameTaken(db: Db, p: { name?: string; slug?: string; exceptId: string }): Promise<boolean> {
  if (!p.name && !p.slug) return false;
  const clashes = [p.name ? eq(tags.name, p.name) : undefined, p.slug ? eq(tags.slug, p.slug) : undefined];
  const [row] = await db
    .select({ id: tags.id })
    .from(tags)
    .where(and(or(...clashes), ne(tags.id, p.exceptId)))
    .limit(1);
  return !!row;
}

export async function updateTag(tx: Db, id: string, patch: Partial<typeof tags.$inferInsert>) {
  const [row] = await tx.update(tags).set(patch).where(eq(tags.id, id)).returning();
  return row;
}

export async function deleteTag(tx: Db, id: string): Promise<boolean> {
  return (await tx.delete(tags).where(eq(tags.id, id)).returning({ id: tags.id })).length > 0;
}

export async function clipTagIds(tx: Db, clipId: string): Promise<string[]> {
  const rows = await tx.select({ tagId: clipTags.tagId }).from(clipTags).where(eq(clipTags.clipId, clipId));
  return rows.map((r) => r.tagId);
}

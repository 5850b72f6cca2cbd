import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { clips } from "../../db/schema";
import { queueNotification } from "../notifications/events";
import { writeOutbox } from "../outbox/repo";
import { isUuid } from "./schemas";
import { type ClipRow, clipColumns } from "./wire";

export async function findClip(db: Db, idOrSlug: string): Promise<ClipRow | undefined> {
  const where = isUuid(idOrSlug) ? eq(clips.id, idOrSlug) : eq(clips.twitchClipId, idOrSlug);
  const [row] = await db.select(clipColumns).from(clips).where(where);
  return row;
}

export function findClipsByIds(db: Db, ids: string[]): Promise<ClipRow[]> {
  return db.select(clipColumns).from(clips).where(inArray(clips.id, ids));
}

/** Locks the clip row for the rest of the transaction: concurrent writers to one clip queue here. */
export async function lockClip(tx: Db, id: string): Promise<ClipRow | undefined> {
  const [row] = await tx.select(clipColumns).from(clips).where(eq(clips.id, id)).for("update");
  return row;
}

export type ClipPatch = Partial<
  Pick<typeof clips.$inferInsert, "isFeatured" | "isNsfw" | "isRemoved" | "removedReason" | "isHidden" | "title">
>;

/** Applies the patch and queues the search update in the same transaction. */
export async function updateClip(tx: Db, id: string, patch: ClipPatch): Promise<ClipRow> {
  const [row] = await tx
    .update(clips)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(clips.id, id))
    .returning(clipColumns);
  await writeOutbox(tx, { aggregateType: "clip", aggregateId: id });
  if (patch.isRemoved) await queueNotification(tx, "clip", id);
  return row!;
}

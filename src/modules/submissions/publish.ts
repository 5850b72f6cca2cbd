import { eq } from "drizzle-orm";
import { AppError } from "../../core/errors";
import type { Db } from "../../db/client";
import { clipSubmissions, clips } from "../../db/schema";
import { KARMA_RULES, recordKarma } from "../karma/ledger";
import { writeOutbox } from "../outbox/repo";
import { attachTags, ensureTags } from "../tags/repo";
import { clipEmbedUrl } from "./clip-url";
import type { SubmissionRow } from "./wire";

export const ALREADY_IN_DATABASE = "This clip has already been added to our database and cannot be submitted again";

/** Inserts the clip, or claims a scraped one (a clips row nobody submitted yet); returns its id. */
async function upsertClip(tx: Db, s: SubmissionRow, now: Date): Promise<string> {
  const title = (s.customTitle ?? s.title ?? s.twitchClipId).slice(0, 255);
  const [existing] = await tx
    .select({ id: clips.id, submittedBy: clips.submittedByUserId, isRemoved: clips.isRemoved })
    .from(clips)
    .where(eq(clips.twitchClipId, s.twitchClipId))
    .for("update");
  if (existing) {
    if (existing.submittedBy || existing.isRemoved) throw new AppError("CONFLICT", ALREADY_IN_DATABASE);
    await tx
      .update(clips)
      .set({
        submittedByUserId: s.userId,
        submittedAt: now,
        updatedAt: now,
        isNsfw: s.isNsfw,
        ...(s.customTitle ? { title } : {}),
        ...(s.broadcasterNameOverride ? { broadcasterName: s.broadcasterNameOverride } : {}),
      })
      .where(eq(clips.id, existing.id));
    return existing.id;
  }
  const [row] = await tx
    .insert(clips)
    .values({
      twitchClipId: s.twitchClipId,
      twitchClipUrl: s.twitchClipUrl,
      embedUrl: clipEmbedUrl(s.twitchClipId),
      title,
      creatorName: s.creatorName ?? "",
      creatorId: s.creatorId,
      broadcasterName: s.broadcasterNameOverride ?? s.broadcasterName ?? "",
      broadcasterId: s.broadcasterId,
      gameId: s.gameId || null,
      gameName: s.gameName,
      language: s.language,
      thumbnailUrl: s.thumbnailUrl,
      duration: s.duration,
      viewCount: s.viewCount,
      createdAt: s.clipCreatedAt ?? now,
      isNsfw: s.isNsfw,
      submittedByUserId: s.userId,
      submittedAt: now,
    })
    .returning({ id: clips.id });
  return row!.id;
}

/**
 * Approves a pending submission inside the caller's transaction: creates (or claims) the clip, attaches its tags,
 * marks the submission approved, pays the submitter's karma and queues the clip for search, all or nothing.
 */
export async function publishSubmission(tx: Db, s: SubmissionRow, reviewerId: string): Promise<SubmissionRow> {
  const now = new Date();
  const clipId = await upsertClip(tx, s, now);
  if (s.tags.length) {
    const tagRows = await ensureTags(tx, s.tags);
    await attachTags(tx, { clipId, tagIds: tagRows.map((t) => t.id), userId: s.userId });
  }
  const [row] = await tx
    .update(clipSubmissions)
    .set({ status: "approved", clipId, reviewedBy: reviewerId, reviewedAt: now, rejectionReason: null })
    .where(eq(clipSubmissions.id, s.id))
    .returning();
  await recordKarma(tx, {
    userId: s.userId,
    amount: KARMA_RULES.submissionApproved,
    source: "submission_approved",
    sourceId: s.id,
  });
  await writeOutbox(tx, {
    aggregateType: "clip",
    aggregateId: clipId,
    topics: ["search-index", "embed"],
  });
  return row!;
}

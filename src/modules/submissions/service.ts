import { can } from "../../core/auth/permissions";
import { AppError } from "../../core/errors";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { mutate } from "../../db/mutation";
import type { Deps } from "../../deps";
import { clipChanged } from "../../platform/cache/scopes";
import { canonicalClipUrl, parseClipSlug } from "./clip-url";
import { ALREADY_IN_DATABASE, publishSubmission } from "./publish";
import {
  findClipBySlug,
  findLatestSubmission,
  findSubmitter,
  insertSubmission,
  isUniqueViolation,
  lockSubmitter,
  recentSubmissionTimes,
} from "./repo";
import type { CreateSubmissionBody } from "./schemas";
import { lookupTwitchClip } from "./twitch-lookup";
import type { ClipLookup, SubmissionRow } from "./wire";

export const SUBMISSION_LIMITS = [
  { limit: 10, window: 3_600 },
  { limit: 20, window: 86_400 },
] as const;
export const MAX_CLIP_AGE_DAYS = 180;
export const MIN_CLIP_SECONDS = 5;
export const REJECTION_COOLDOWN_DAYS = 7;
const DAY_MS = 86_400_000;

export const INVALID_CLIP_URL =
  "Invalid Twitch clip URL. Please provide a valid URL like 'https://clips.twitch.tv/ClipID' or 'https://www.twitch.tv/username/clip/ClipID'";

/** Per-user 10/hour and 20/day; `retry_after` is when the oldest submission counted leaves the window. */
async function assertWithinLimits(db: Db, principal: Principal): Promise<void> {
  if (can(principal, "rate-limit:exempt")) return;
  for (const { limit, window } of SUBMISSION_LIMITS) {
    const since = new Date(Date.now() - window * 1000);
    const times = await recentSubmissionTimes(db, { userId: principal.userId, since, limit });
    const oldest = times[limit - 1];
    if (oldest) {
      const retryAfter = Math.ceil(oldest.getTime() / 1000) + window;
      throw new AppError("RATE_LIMITED", "rate_limit_exceeded", {
        details: { limit, window, retry_after: retryAfter },
        headers: { "Retry-After": String(Math.max(retryAfter - Math.floor(Date.now() / 1000), 1)) },
      });
    }
  }
}

const duplicate = (message: string, clipId?: string | null) =>
  new AppError("CONFLICT", message, { details: { field: "clip_url", ...(clipId ? { clip_id: clipId } : {}) } });

/** Returns true when the slug is a scraped clip this submission may claim. */
async function assertNotDuplicate(db: Db, slug: string): Promise<boolean> {
  const clip = await findClipBySlug(db, slug);
  if (clip && (clip.submittedByUserId || clip.isRemoved)) throw duplicate(ALREADY_IN_DATABASE, clip.id);
  const previous = await findLatestSubmission(db, slug);
  if (previous?.status === "pending") {
    throw duplicate(
      "This clip is already pending review. You'll be notified once it's been reviewed by our moderators.",
    );
  }
  if (previous?.status === "approved") {
    throw duplicate("This clip has already been approved and added to our database", previous.clipId);
  }
  const cooldownEnds = previous
    ? (previous.reviewedAt ?? previous.createdAt).getTime() + REJECTION_COOLDOWN_DAYS * DAY_MS
    : 0;
  if (cooldownEnds > Date.now()) {
    const days = Math.ceil((cooldownEnds - Date.now()) / DAY_MS);
    throw duplicate(`This clip was already submitted and recently rejected. You can resubmit it in ${days} day(s).`);
  }
  return !!clip;
}

function assertClipQuality({ clip }: ClipLookup): void {
  const ageDays = (Date.now() - Date.parse(clip.created_at)) / DAY_MS;
  if (ageDays > MAX_CLIP_AGE_DAYS) {
    const months = Math.floor(ageDays / 30);
    throw new AppError(
      "VALIDATION_ERROR",
      `This clip is too old (${months} months). Only clips less than 6 months old can be submitted.`,
      { details: { field: "clip" } },
    );
  }
  if (clip.duration < MIN_CLIP_SECONDS) {
    throw new AppError(
      "VALIDATION_ERROR",
      `This clip is too short (${clip.duration.toFixed(1)} seconds). Clips must be at least ${MIN_CLIP_SECONDS} seconds long.`,
      { details: { field: "clip" } },
    );
  }
}

export async function createSubmission(deps: Deps, principal: Principal, body: CreateSubmissionBody) {
  const { karma } = deps.config;
  const submitter = await findSubmitter(deps.db, principal.userId);
  if (!submitter) throw new AppError("UNAUTHORIZED", "Authentication required");
  const staff = can(principal, "submissions:review");
  if (karma.requireForSubmission && !staff && submitter.karmaPoints < karma.submissionRequired) {
    throw new AppError(
      "VALIDATION_ERROR",
      `You need at least ${karma.submissionRequired} karma points to submit clips.`,
      {
        details: { field: "karma" },
      },
    );
  }
  await assertWithinLimits(deps.db, principal);
  const slug = parseClipSlug(body.clip_url);
  if (!slug) throw new AppError("VALIDATION_ERROR", INVALID_CLIP_URL, { details: { field: "clip_url" } });
  const claimsScrapedClip = await assertNotDuplicate(deps.db, slug);
  const lookup = await lookupTwitchClip(deps, slug);
  assertClipQuality(lookup);

  const autoApprove = claimsScrapedClip || staff || submitter.karmaPoints >= karma.autoApproveAt;
  const { clip, gameName } = lookup;
  try {
    const row = await mutate(deps, async (tx) => {
      // Under the lock the count cannot race with the same user's concurrent submissions.
      await lockSubmitter(tx, principal.userId);
      await assertWithinLimits(tx, principal);
      const pending = await insertSubmission(tx, {
        userId: principal.userId,
        twitchClipId: clip.id,
        twitchClipUrl: canonicalClipUrl(clip.id),
        title: clip.title.slice(0, 255),
        customTitle: body.custom_title,
        broadcasterNameOverride: body.broadcaster_name_override,
        tags: body.tags,
        isNsfw: body.is_nsfw,
        submissionReason: body.submission_reason,
        creatorName: clip.creator_name.slice(0, 100),
        creatorId: clip.creator_id || null,
        broadcasterName: clip.broadcaster_name.slice(0, 100),
        broadcasterId: clip.broadcaster_id || null,
        gameId: clip.game_id || null,
        gameName,
        language: clip.language.slice(0, 10) || null,
        thumbnailUrl: clip.thumbnail_url || null,
        duration: clip.duration,
        viewCount: clip.view_count,
        clipCreatedAt: new Date(clip.created_at),
      });
      const saved: SubmissionRow = autoApprove ? await publishSubmission(tx, pending, principal.userId) : pending;
      // Published at once: a new clip on the feeds.
      return { result: saved, invalidates: saved.clipId ? clipChanged(saved.clipId) : [] };
    });
    return { row, autoApproved: autoApprove };
  } catch (err) {
    // Two submitters raced past the duplicate check: clip_submissions_live_uq or clips' slug key decided.
    if (isUniqueViolation(err)) throw duplicate("This clip has already been submitted");
    throw err;
  }
}

import { type SQL, sql } from "drizzle-orm";
import { can } from "../../core/auth/permissions";
import { AppError } from "../../core/errors";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { type ClipFlags, flagColumns, isListed, listedClips } from "./feedable";
import { findClip, lockClip } from "./repo";
import type { ClipRow } from "./wire";

/**
 * Who may see a clip, written once for every route that reads or writes through one (its page, comments, replies,
 * tags, votes, favourites, profile lists): a removed clip nobody; a hidden clip its submitter and moderators.
 */
export function canSeeClip(clip: ClipFlags, viewer: Principal | undefined): boolean {
  if (clip.isRemoved) return false;
  if (isListed(clip)) return true;
  return (!!viewer && viewer.userId === clip.submittedByUserId) || can(viewer, "clips:moderate");
}

/** The same rule as SQL over `clips`, or over a raw alias such as `c` in hand-written queries. */
export function clipVisibleTo(viewer: Principal | undefined, alias?: string): SQL {
  const { isRemoved, isHidden, submitter } = flagColumns(alias);
  if (can(viewer, "clips:moderate")) return sql`not ${isRemoved}`;
  if (!viewer) return listedClips(alias);
  return sql`not ${isRemoved} and (not ${isHidden} or ${submitter} = ${viewer.userId}::uuid)`;
}

const missing = () => new AppError("CLIP_NOT_FOUND", "Clip not found");

/** The clip `viewer` reads through, or the 404 a missing clip gets. */
export async function requireVisibleClip(db: Db, clipId: string, viewer: Principal | undefined): Promise<ClipRow> {
  const clip = await findClip(db, clipId);
  if (!clip || !canSeeClip(clip, viewer)) throw missing();
  return clip;
}

/** Like requireVisibleClip, locking the row for the rest of the transaction (writes through the clip). */
export async function lockVisibleClip(tx: Db, clipId: string, viewer: Principal | undefined): Promise<ClipRow> {
  const clip = await lockClip(tx, clipId);
  if (!clip || !canSeeClip(clip, viewer)) throw missing();
  return clip;
}

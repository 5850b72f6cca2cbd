import { assertOwnerOr } from "../../core/auth/permissions";
import { AppError } from "../../core/errors";
import type { Principal } from "../../core/principal";
import type { Db } from "../../db/client";
import { mutate, type Writer } from "../../db/mutation";
import { clipChanged } from "../../platform/cache/scopes";
import { writeAudit } from "../audit/repo";
import { type ClipPatch, lockClip, updateClip } from "./repo";
import type { ClipRow } from "./wire";

async function lockExisting(tx: Db, id: string) {
  const clip = await lockClip(tx, id);
  if (!clip) throw new AppError("CLIP_NOT_FOUND", "Clip not found");
  return clip;
}

/** A moderator's change to a clip's flags, audited with the request body. */
export function moderateClip(
  deps: Writer,
  p: { actor: Principal; id: string; patch: ClipPatch; body: Record<string, unknown> },
): Promise<ClipRow> {
  return mutate(deps, async (tx) => {
    await lockExisting(tx, p.id);
    const updated = await updateClip(tx, p.id, p.patch);
    await writeAudit(tx, {
      actorId: p.actor.userId,
      action: "clip.moderate",
      targetType: "clip",
      targetId: p.id,
      metadata: p.body,
    });
    return { result: updated, invalidates: clipChanged(p.id) };
  });
}

export async function removeClip(deps: Writer, p: { actor: Principal; id: string; reason: string }): Promise<void> {
  await mutate(deps, async (tx) => {
    await lockExisting(tx, p.id);
    await updateClip(tx, p.id, { isRemoved: true, removedReason: p.reason });
    await writeAudit(tx, {
      actorId: p.actor.userId,
      action: "clip.remove",
      targetType: "clip",
      targetId: p.id,
      reason: p.reason,
    });
    return { result: undefined, invalidates: clipChanged(p.id) };
  });
}

/** The submitter's own edit; anyone else needs `clips:edit-any`, and their edit is audited. */
export async function editOwnClip(
  deps: Writer,
  p: { actor: Principal; id: string; patch: ClipPatch; action: string },
): Promise<void> {
  await mutate(deps, async (tx) => {
    const clip = await lockExisting(tx, p.id);
    if (clip.isRemoved) throw new AppError("CLIP_NOT_FOUND", "Clip not found");
    assertOwnerOr(p.actor, clip.submittedByUserId, "clips:edit-any");
    await updateClip(tx, p.id, p.patch);
    if (clip.submittedByUserId !== p.actor.userId) {
      await writeAudit(tx, {
        actorId: p.actor.userId,
        action: p.action,
        targetType: "clip",
        targetId: p.id,
        metadata: p.patch,
      });
    }
    return { result: undefined, invalidates: clipChanged(p.id) };
  });
}

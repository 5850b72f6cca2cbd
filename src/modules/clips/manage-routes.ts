import { Hono } from "hono";
import { assertOwnerOr } from "../../core/auth/permissions";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth, requirePermission } from "../../http/middleware/auth";
import { errorEnvelope } from "../../http/middleware/envelope";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { clipChanged } from "../../platform/cache/scopes";
import { writeAudit } from "../audit/repo";
import { enrichClips } from "./enrich";
import { type ClipPatch, lockClip, updateClip } from "./repo";
import {
  ClipDetail,
  ClipMessage,
  ClipVisibility,
  ModerateClip,
  parseClipId,
  RemoveClip,
  UpdateClipMetadata,
  UpdateClipVisibility,
} from "./schemas";

const familyA = errorEnvelope("standard");

async function lockExisting(tx: Parameters<typeof lockClip>[0], id: string) {
  const clip = await lockClip(tx, id);
  if (!clip) throw new AppError("CLIP_NOT_FOUND", "Clip not found");
  return clip;
}

/** Moderator and admin actions are audited; so is an admin editing someone else's clip. */
export function createClipManageRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .put(
      "/clips/:id",
      familyA,
      requireAuth(deps),
      requirePermission("clips:moderate"),
      validate("json", ModerateClip),
      returns(ClipDetail),
      async (c) => {
        const id = parseClipId(c.req.param("id"));
        const actor = principalOf(c);
        const body = c.req.valid("json");
        const patch: ClipPatch = {
          isFeatured: body.is_featured,
          isNsfw: body.is_nsfw,
          isRemoved: body.is_removed,
          removedReason: body.is_removed === false ? (body.removed_reason ?? null) : body.removed_reason,
        };
        const row = await deps.db.transaction(async (tx) => {
          await lockExisting(tx, id);
          const updated = await updateClip(tx, id, patch);
          await writeAudit(tx, {
            actorId: actor.userId,
            action: "clip.moderate",
            targetType: "clip",
            targetId: id,
            metadata: body,
          });
          return updated;
        });
        await deps.caching.invalidate(...clipChanged(id));
        const [data] = await enrichClips(deps.db, [row], actor.userId);
        return c.json({ success: true, data: data! } satisfies ClipDetail);
      },
    )
    .delete(
      "/clips/:id",
      familyA,
      requireAuth(deps),
      requirePermission("clips:delete"),
      validate("json", RemoveClip),
      returns(ClipMessage),
      async (c) => {
        const id = parseClipId(c.req.param("id"));
        const actor = principalOf(c);
        const reason = c.req.valid("json").reason ?? "Removed by admin";
        await deps.db.transaction(async (tx) => {
          await lockExisting(tx, id);
          await updateClip(tx, id, { isRemoved: true, removedReason: reason });
          await writeAudit(tx, {
            actorId: actor.userId,
            action: "clip.remove",
            targetType: "clip",
            targetId: id,
            reason,
          });
        });
        await deps.caching.invalidate(...clipChanged(id));
        return c.json({ success: true, data: { message: "Clip removed successfully" } } satisfies ClipMessage);
      },
    )
    .put(
      "/clips/:id/metadata",
      familyA,
      requireAuth(deps),
      validate("json", UpdateClipMetadata),
      returns(ClipMessage),
      async (c) => {
        const id = parseClipId(c.req.param("id"));
        const { title } = c.req.valid("json");
        await editOwnClip(deps, principalOf(c), id, { title }, "clip.edit_metadata");
        return c.json({ success: true, data: { message: "Clip metadata updated successfully" } } satisfies ClipMessage);
      },
    )
    .put(
      "/clips/:id/visibility",
      familyA,
      requireAuth(deps),
      validate("json", UpdateClipVisibility),
      returns(ClipVisibility),
      async (c) => {
        const id = parseClipId(c.req.param("id"));
        const { is_hidden } = c.req.valid("json");
        await editOwnClip(deps, principalOf(c), id, { isHidden: is_hidden }, "clip.set_visibility");
        const message = is_hidden ? "Clip hidden successfully" : "Clip is now visible";
        return c.json({ success: true, data: { message, is_hidden } } satisfies ClipVisibility);
      },
    );
}

async function editOwnClip(
  deps: Deps,
  actor: ReturnType<typeof principalOf>,
  id: string,
  patch: ClipPatch,
  action: string,
) {
  await deps.db.transaction(async (tx) => {
    const clip = await lockExisting(tx, id);
    if (clip.isRemoved) throw new AppError("CLIP_NOT_FOUND", "Clip not found");
    assertOwnerOr(actor, clip.submittedByUserId, "clips:edit-any");
    await updateClip(tx, id, patch);
    if (clip.submittedByUserId !== actor.userId) {
      await writeAudit(tx, { actorId: actor.userId, action, targetType: "clip", targetId: id, metadata: patch });
    }
  });
  await deps.caching.invalidate(...clipChanged(id));
}

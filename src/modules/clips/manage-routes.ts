import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth, requirePermission } from "../../http/middleware/auth";
import { errorEnvelope } from "../../http/middleware/envelope";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { enrichClips } from "./enrich";
import { editOwnClip, moderateClip, removeClip } from "./manage";
import type { ClipPatch } from "./repo";
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
        const row = await moderateClip(deps, { actor, id, patch, body });
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
        const reason = c.req.valid("json").reason ?? "Removed by admin";
        await removeClip(deps, { actor: principalOf(c), id, reason });
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
        await editOwnClip(deps, { actor: principalOf(c), id, patch: { title }, action: "clip.edit_metadata" });
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
        const patch = { isHidden: is_hidden };
        await editOwnClip(deps, { actor: principalOf(c), id, patch, action: "clip.set_visibility" });
        const message = is_hidden ? "Clip hidden successfully" : "Clip is now visible";
        return c.json({ success: true, data: { message, is_hidden } } satisfies ClipVisibility);
      },
    );
}

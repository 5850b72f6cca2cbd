import { Hono } from "hono";
import { can } from "../../core/auth/permissions";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv, Principal } from "../../http/env";
import { optionalAuth, principalOf, requireAuth } from "../../http/middleware/auth";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { MessageBody } from "../../http/wire-fields";
import { type ProfileAccess, profileAccess } from "./privacy";
import { findUserById, findUserByTwitchId, findUserByUsername, followState, profileStats, updateProfile } from "./repo";
import {
  ProfileQuery,
  UpdateProfileBody,
  UserByUsername,
  UsernameParam,
  UserProfileDetail,
  UUID_PATTERN,
} from "./schemas";
import { toRestrictedProfile, toShortUser, toWireProfile, type UserRow } from "./wire";

const mayReadEmail = (viewer: Principal | undefined, userId: string) =>
  !!viewer && (viewer.userId === userId || can(viewer, "users:manage"));

export function createUserRoutes(deps: Deps) {
  async function profile(row: UserRow, viewer: Principal | undefined, access: ProfileAccess) {
    // A hidden profile shows no stats, so they are not computed for it.
    if (!access.profile) return toRestrictedProfile(row, await followState(deps.db, viewer?.userId, row.id));
    const [stats, follow] = await Promise.all([
      profileStats(deps.db, row.id),
      followState(deps.db, viewer?.userId, row.id),
    ]);
    return toWireProfile(row, { stats, follow, includeEmail: mayReadEmail(viewer, row.id), access });
  }

  const byUsername = new Hono<AppEnv>().get(
    "/:username",
    optionalAuth(deps),
    validate("param", UsernameParam),
    validate("query", ProfileQuery),
    returns(UserByUsername),
    async (c) => {
      const { username } = c.req.valid("param");
      const row =
        (await findUserByUsername(deps.db, username)) ??
        (/^\d+$/.test(username) ? await findUserByTwitchId(deps.db, username) : undefined);
      if (!row) throw new AppError("NOT_FOUND", "user not found");
      const { full } = c.req.valid("query");
      const viewer = c.get("principal");
      const access = await profileAccess(deps.db, viewer, row.id);
      const data = full === "true" || full === "1" ? await profile(row, viewer, access) : toShortUser(row, access);
      return c.json({ success: true, data } satisfies UserByUsername);
    },
  );

  return (
    new Hono<AppEnv>()
      .route("/users/by-username", byUsername)
      // Contract §1.1: UserProfilePage calls this path with the prefix doubled.
      .route("/api/v1/users/by-username", byUsername)
      .get(`/users/:id{${UUID_PATTERN}}`, optionalAuth(deps), returns(UserProfileDetail), async (c) => {
        const row = await findUserById(deps.db, c.req.param("id"));
        if (!row) throw new AppError("NOT_FOUND", "user not found");
        const viewer = c.get("principal");
        const access = await profileAccess(deps.db, viewer, row.id);
        return c.json({ success: true, data: await profile(row, viewer, access) } satisfies UserProfileDetail);
      })
      .put(
        "/users/me/profile",
        requireAuth(deps),
        validate("json", UpdateProfileBody),
        returns(MessageBody),
        async (c) => {
          const body = c.req.valid("json");
          await updateProfile(deps, principalOf(c).userId, {
            displayName: body.display_name,
            bio: body.bio || null,
          });
          return c.json({ message: "Profile updated successfully" } satisfies MessageBody);
        },
      )
  );
}

import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../core/errors";
import { PROFILE_VISIBILITIES } from "../../db/schema";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { responds } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { findUserById } from "../users/repo";
import { cancelDeletion, DELETE_CONFIRMATION, pendingDeletion, requestDeletion } from "./deletion";
import { exportAccount } from "./export";
import { findSettings, saveSettings, toWireSettings } from "./settings-repo";

const UpdateSettings = z
  .object({
    profile_visibility: z.enum(PROFILE_VISIBILITIES).optional(),
    show_karma_publicly: z.boolean().optional(),
  })
  .strict();
const DeleteAccount = z.object({
  confirmation: z.literal(DELETE_CONFIRMATION, { error: `Please type "${DELETE_CONFIRMATION}" to confirm` }),
  reason: z.string().trim().max(1000).optional(),
});

/** The settings page's account section (frontend/src/lib/user-settings-api.ts, subscription-api.ts). */
export function createAccountRoutes(deps: Deps) {
  const auth = requireAuth(deps);
  const me = async (userId: string) => {
    const user = await findUserById(deps.db, userId);
    if (!user) throw new AppError("UNAUTHORIZED", "Authentication required");
    return user;
  };
  return new Hono<AppEnv>()
    .get("/users/me/settings", auth, async (c) => {
      const settings = await findSettings(deps.db, await me(principalOf(c).userId));
      return c.json({ settings: toWireSettings(settings) });
    })
    .put(
      "/users/me/settings",
      auth,
      rateLimit(deps, "PUT /users/me/settings"),
      validate("json", UpdateSettings),
      async (c) => {
        const body = c.req.valid("json");
        await saveSettings(deps.db, principalOf(c).userId, {
          profileVisibility: body.profile_visibility,
          showKarmaPublicly: body.show_karma_publicly,
        });
        return c.json({ message: "Settings updated successfully" });
      },
    )
    .get("/users/me/delete/status", auth, async (c) => {
      const pending = await pendingDeletion(deps.db, principalOf(c).userId);
      if (!pending) return c.json({ pending: false });
      return c.json({
        pending: true,
        scheduled_for: pending.scheduledFor.toISOString(),
        requested_at: pending.requestedAt.toISOString(),
      });
    })
    .post(
      "/users/me/delete",
      auth,
      rateLimit(deps, "POST /users/me/delete"),
      responds(409),
      validate("json", DeleteAccount),
      async (c) => {
        const row = await requestDeletion(deps.db, {
          userId: principalOf(c).userId,
          reason: c.req.valid("json").reason || null,
          graceDays: deps.config.accountDeletion.graceDays,
        });
        return c.json({ message: "Account deletion scheduled", scheduled_for: row.scheduledFor.toISOString() });
      },
    )
    .post(
      "/users/me/delete/cancel",
      auth,
      rateLimit(deps, "POST /users/me/delete/cancel"),
      responds(404),
      async (c) => {
        await cancelDeletion(deps.db, principalOf(c).userId);
        return c.json({ message: "Account deletion cancelled" });
      },
    )
    .get("/users/me/export", auth, rateLimit(deps, "GET /users/me/export"), async (c) => {
      const data = await exportAccount(deps.db, await me(principalOf(c).userId));
      c.header("Content-Disposition", 'attachment; filename="clipper_user_data_export.json"');
      return c.json(data);
    })
    .get("/subscriptions/me", auth, async (c) => {
      const user = await me(principalOf(c).userId);
      // No paid plans exist: everyone is on the free tier, with nothing billed.
      return c.json({
        id: user.id,
        user_id: user.id,
        stripe_customer_id: "",
        status: "inactive",
        tier: "free",
        cancel_at_period_end: false,
        created_at: user.createdAt.toISOString(),
        updated_at: user.createdAt.toISOString(),
      });
    });
}

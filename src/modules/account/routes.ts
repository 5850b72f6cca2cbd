import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { responds, returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { MessageBody } from "../../http/wire-fields";
import { findUserById } from "../users/repo";
import { cancelDeletion, pendingDeletion, requestDeletion } from "./deletion";
import { exportAccount } from "./export";
import {
  AccountExport,
  DeleteAccount,
  DeletionScheduled,
  DeletionStatus,
  SettingsBody,
  Subscription,
  UpdateSettings,
} from "./schemas";
import { findSettings, saveSettings, toWireSettings } from "./settings-repo";

/** The settings page's account section (frontend/src/lib/user-settings-api.ts, subscription-api.ts). */
export function createAccountRoutes(deps: Deps) {
  const auth = requireAuth(deps);
  const me = async (userId: string) => {
    const user = await findUserById(deps.db, userId);
    if (!user) throw new AppError("UNAUTHORIZED", "Authentication required");
    return user;
  };
  return new Hono<AppEnv>()
    .get("/users/me/settings", auth, returns(SettingsBody), async (c) => {
      const settings = await findSettings(deps.db, await me(principalOf(c).userId));
      return c.json({ settings: toWireSettings(settings) } satisfies SettingsBody);
    })
    .put(
      "/users/me/settings",
      auth,
      rateLimit(deps, "PUT /users/me/settings"),
      validate("json", UpdateSettings),
      returns(MessageBody),
      async (c) => {
        const body = c.req.valid("json");
        await saveSettings(deps.db, principalOf(c).userId, {
          profileVisibility: body.profile_visibility,
          showKarmaPublicly: body.show_karma_publicly,
        });
        return c.json({ message: "Settings updated successfully" } satisfies MessageBody);
      },
    )
    .get("/users/me/delete/status", auth, returns(DeletionStatus), async (c) => {
      const pending = await pendingDeletion(deps.db, principalOf(c).userId);
      if (!pending) return c.json({ pending: false } satisfies DeletionStatus);
      return c.json({
        pending: true,
        scheduled_for: pending.scheduledFor.toISOString(),
        requested_at: pending.requestedAt.toISOString(),
      } satisfies DeletionStatus);
    })
    .post(
      "/users/me/delete",
      auth,
      rateLimit(deps, "POST /users/me/delete"),
      responds(409),
      validate("json", DeleteAccount),
      returns(DeletionScheduled),
      async (c) => {
        const row = await requestDeletion(deps.db, {
          userId: principalOf(c).userId,
          reason: c.req.valid("json").reason || null,
          graceDays: deps.config.accountDeletion.graceDays,
        });
        return c.json({
          message: "Account deletion scheduled",
          scheduled_for: row.scheduledFor.toISOString(),
        } satisfies DeletionScheduled);
      },
    )
    .post(
      "/users/me/delete/cancel",
      auth,
      rateLimit(deps, "POST /users/me/delete/cancel"),
      responds(404),
      returns(MessageBody),
      async (c) => {
        await cancelDeletion(deps.db, principalOf(c).userId);
        return c.json({ message: "Account deletion cancelled" } satisfies MessageBody);
      },
    )
    .get("/users/me/export", auth, rateLimit(deps, "GET /users/me/export"), returns(AccountExport), async (c) => {
      const data = await exportAccount(deps.db, await me(principalOf(c).userId));
      c.header("Content-Disposition", 'attachment; filename="clipper_user_data_export.json"');
      return c.json(data satisfies AccountExport);
    })
    .get("/subscriptions/me", auth, returns(Subscription), async (c) => {
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
      } satisfies Subscription);
    });
}

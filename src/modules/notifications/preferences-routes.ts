import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { findUserById } from "../users/repo";
import { NotificationPreferences, SavedPreferences, UpdatePreferences } from "./preferences";
import { findPreferences, resetPreferences, savePreferences } from "./preferences-repo";

/**
 * The caller's own notification preferences (NotificationPreferencesPage). The notification jobs honour the in-app
 * switches; no email is sent yet, so the email switches are kept for the page only.
 */
export function createNotificationPreferenceRoutes(deps: Deps) {
  const auth = requireAuth(deps);
  const read = async (userId: string) => {
    const user = await findUserById(deps.db, userId);
    if (!user) throw new AppError("UNAUTHORIZED", "Authentication required");
    return findPreferences(deps.db, user);
  };
  return new Hono<AppEnv>()
    .get("/notifications/preferences", auth, returns(NotificationPreferences), async (c) =>
      c.json((await read(principalOf(c).userId)) satisfies NotificationPreferences),
    )
    .put(
      "/notifications/preferences",
      auth,
      rateLimit(deps, "PUT /notifications/preferences"),
      validate("json", UpdatePreferences),
      returns(SavedPreferences),
      async (c) => {
        const { userId } = principalOf(c);
        await savePreferences(deps.db, userId, c.req.valid("json"));
        const preferences = await read(userId);
        return c.json({ message: "Notification preferences updated", preferences } satisfies SavedPreferences);
      },
    )
    .post(
      "/notifications/preferences/reset",
      auth,
      rateLimit(deps, "POST /notifications/preferences/reset"),
      returns(SavedPreferences),
      async (c) => {
        const { userId } = principalOf(c);
        await resetPreferences(deps.db, userId);
        const preferences = await read(userId);
        return c.json({ message: "Notification preferences reset", preferences } satisfies SavedPreferences);
      },
    );
}

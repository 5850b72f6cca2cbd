import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { uuidField } from "../../http/ids";
import { principalOf, requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { clampedInt } from "../../http/query-params";
import { validate } from "../../http/validate";
import {
  countUnread,
  deleteNotification,
  listNotifications,
  markAllRead,
  markRead,
  NOTIFICATION_FILTERS,
  toWireNotification,
} from "./repo";

const ListQuery = z.object({
  filter: z.enum(NOTIFICATION_FILTERS).default("all"),
  page: clampedInt(1, 10_000, 1),
  limit: clampedInt(1, 100, 50),
});
const IdParam = z.object({ id: uuidField("Invalid notification ID") });
const notFound = () => new AppError("NOT_FOUND", "Notification not found");

/** The signed-in user's own notifications (frontend/src/lib/notification-api.ts); written by the worker only. */
export function createNotificationRoutes(deps: Deps) {
  const auth = requireAuth(deps);
  return new Hono<AppEnv>()
    .get("/notifications", auth, validate("query", ListQuery), async (c) => {
      const { filter, page, limit } = c.req.valid("query");
      const userId = principalOf(c).userId;
      const [{ rows, hasMore }, unread] = await Promise.all([
        listNotifications(deps.db, { userId, filter, limit, offset: (page - 1) * limit }),
        countUnread(deps.db, userId),
      ]);
      return c.json({
        notifications: rows.map(toWireNotification),
        unread_count: unread,
        page,
        limit,
        has_more: hasMore,
      });
    })
    .get("/notifications/count", auth, async (c) =>
      c.json({ unread_count: await countUnread(deps.db, principalOf(c).userId) }),
    )
    .put("/notifications/read-all", auth, rateLimit(deps, "PUT /notifications/read-all"), async (c) => {
      const updated = await markAllRead(deps.db, principalOf(c).userId);
      return c.json({ message: "All notifications marked as read", updated });
    })
    .put(
      "/notifications/:id/read",
      auth,
      rateLimit(deps, "PUT /notifications/:id/read"),
      validate("param", IdParam),
      async (c) => {
        if (!(await markRead(deps.db, principalOf(c).userId, c.req.valid("param").id))) throw notFound();
        return c.json({ message: "Notification marked as read" });
      },
    )
    .delete(
      "/notifications/:id",
      auth,
      rateLimit(deps, "DELETE /notifications/:id"),
      validate("param", IdParam),
      async (c) => {
        if (!(await deleteNotification(deps.db, principalOf(c).userId, c.req.valid("param").id))) throw notFound();
        return c.json({ message: "Notification deleted" });
      },
    );
}

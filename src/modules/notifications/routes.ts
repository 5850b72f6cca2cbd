import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { MessageBody } from "../../http/wire-fields";
import { countUnread, deleteNotification, listNotifications, markAllRead, markRead, toWireNotification } from "./repo";
import { IdParam, ListQuery, MarkedAllRead, NotificationPage, UnreadCount } from "./schemas";

const notFound = () => new AppError("NOT_FOUND", "Notification not found");

/** The signed-in user's own notifications (frontend/src/lib/notification-api.ts); written by the worker only. */
export function createNotificationRoutes(deps: Deps) {
  const auth = requireAuth(deps);
  return new Hono<AppEnv>()
    .get("/notifications", auth, validate("query", ListQuery), returns(NotificationPage), async (c) => {
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
      } satisfies NotificationPage);
    })
    .get("/notifications/count", auth, returns(UnreadCount), async (c) =>
      c.json({ unread_count: await countUnread(deps.db, principalOf(c).userId) } satisfies UnreadCount),
    )
    .put(
      "/notifications/read-all",
      auth,
      rateLimit(deps, "PUT /notifications/read-all"),
      returns(MarkedAllRead),
      async (c) => {
        const updated = await markAllRead(deps.db, principalOf(c).userId);
        return c.json({ message: "All notifications marked as read", updated } satisfies MarkedAllRead);
      },
    )
    .put(
      "/notifications/:id/read",
      auth,
      rateLimit(deps, "PUT /notifications/:id/read"),
      validate("param", IdParam),
      returns(MessageBody),
      async (c) => {
        if (!(await markRead(deps.db, principalOf(c).userId, c.req.valid("param").id))) throw notFound();
        return c.json({ message: "Notification marked as read" } satisfies MessageBody);
      },
    )
    .delete(
      "/notifications/:id",
      auth,
      rateLimit(deps, "DELETE /notifications/:id"),
      validate("param", IdParam),
      returns(MessageBody),
      async (c) => {
        if (!(await deleteNotification(deps.db, principalOf(c).userId, c.req.valid("param").id))) throw notFound();
        return c.json({ message: "Notification deleted" } satisfies MessageBody);
      },
    );
}

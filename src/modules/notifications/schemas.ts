import { z } from "zod";
import { NOTIFICATION_TYPES } from "../../db/schema";
import { uuidField } from "../../http/ids";
import { wireSchema } from "../../http/openapi/registry";
import { clampedInt } from "../../http/query-params";
import { count, wireId, wireTime } from "../../http/wire-fields";
import { NOTIFICATION_FILTERS } from "./repo";

export const ListQuery = z.object({
  filter: z.enum(NOTIFICATION_FILTERS).default("all"),
  page: clampedInt(1, 10_000, 1),
  limit: clampedInt(1, 100, 50),
});
export const IdParam = z.object({ id: uuidField("Invalid notification ID") });

const optionalText = z.string().optional();

/** The client's Notification type (frontend/src/types/notification.ts); source fields only when there is one. */
export const WireNotification = wireSchema(
  "Notification",
  z.strictObject({
    id: wireId,
    user_id: wireId,
    type: z.enum(NOTIFICATION_TYPES),
    title: z.string().meta({ examples: ["New reply"] }),
    message: z.string().meta({ examples: ["clipfan replied to your comment"] }),
    link: optionalText,
    is_read: z.boolean(),
    created_at: wireTime,
    source_user_id: wireId.optional(),
    source_content_id: wireId.optional(),
    source_content_type: optionalText,
    source_username: optionalText,
    source_display_name: optionalText,
    source_avatar_url: optionalText,
  }),
);
export type WireNotification = z.infer<typeof WireNotification>;

export const NotificationPage = wireSchema(
  "NotificationPage",
  z.strictObject({
    notifications: z.array(WireNotification),
    unread_count: count,
    page: z.number().int().min(1),
    limit: z.number().int().min(1),
    has_more: z.boolean(),
  }),
);
export type NotificationPage = z.infer<typeof NotificationPage>;

export const UnreadCount = wireSchema("UnreadCount", z.strictObject({ unread_count: count }));
export type UnreadCount = z.infer<typeof UnreadCount>;

export const MarkedAllRead = wireSchema(
  "MarkedAllRead",
  z.strictObject({
    message: z.string().meta({ examples: ["All notifications marked as read"] }),
    updated: count.meta({ description: "How many were unread." }),
  }),
);
export type MarkedAllRead = z.infer<typeof MarkedAllRead>;

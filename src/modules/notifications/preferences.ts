import { z } from "zod";
import type { NotificationType } from "../../db/schema";
import { wireSchema } from "../../http/openapi/registry";
import { wireId, wireTime } from "../../http/wire-fields";

/** Every switch of the client's NotificationPreferencesPage, with the default the page itself falls back to. */
export const SWITCH_DEFAULTS = {
  in_app_enabled: true,
  email_enabled: true,
  notify_login_new_device: true,
  notify_failed_login: true,
  notify_password_changed: true,
  notify_email_changed: true,
  notify_replies: true,
  notify_mentions: true,
  notify_content_trending: false,
  notify_content_flagged: true,
  notify_votes: false,
  notify_favorited_clip_comment: true,
  notify_moderator_message: true,
  notify_user_followed: true,
  notify_comment_on_content: true,
  notify_discussion_reply: true,
  notify_badges: true,
  notify_rank_up: true,
  notify_moderation: true,
  notify_clip_approved: true,
  notify_clip_rejected: true,
  notify_clip_comments: true,
  notify_clip_threshold: true,
  notify_broadcaster_live: true,
  notify_stream_live: true,
  notify_marketing: false,
  notify_policy_updates: true,
  notify_platform_announcements: true,
} as const;
export type Switch = keyof typeof SWITCH_DEFAULTS;
export const EMAIL_DIGESTS = ["immediate", "daily", "weekly", "never"] as const;

export type Preferences = Record<Switch, boolean> & { email_digest: (typeof EMAIL_DIGESTS)[number] };
export const DEFAULT_PREFERENCES: Preferences = { ...SWITCH_DEFAULTS, email_digest: "immediate" };

/**
 * The switch that mutes each kind the jobs write (in_app_enabled mutes them all). A moderator's action is always
 * delivered: the page shows notify_moderation as a switch that cannot be turned off.
 */
export const SWITCH_FOR: Record<NotificationType, Switch | null> = {
  reply: "notify_replies",
  vote_milestone: "notify_clip_threshold",
  submission_approved: "notify_clip_approved",
  submission_rejected: "notify_clip_rejected",
  new_follower: "notify_user_followed",
  content_removed: null,
};

export function delivers(prefs: Preferences, type: NotificationType): boolean {
  const own = SWITCH_FOR[type];
  return own === null || (prefs.in_app_enabled && prefs[own]);
}

const switches = Object.fromEntries(Object.keys(SWITCH_DEFAULTS).map((k) => [k, z.boolean().optional()])) as Record<
  Switch,
  z.ZodOptional<z.ZodBoolean>
>;

/** The page sends back what it read, user_id and updated_at included; those two are ignored (the row is the caller's). */
export const UpdatePreferences = z.strictObject({
  ...switches,
  notify_moderation: z.literal(true, { error: "Moderation notifications cannot be turned off" }).optional(),
  email_digest: z.enum(EMAIL_DIGESTS).optional(),
  user_id: z.string().max(64).optional(),
  updated_at: z.string().max(64).optional(),
});
export type UpdatePreferences = z.infer<typeof UpdatePreferences>;

const wireSwitches = Object.fromEntries(Object.keys(SWITCH_DEFAULTS).map((k) => [k, z.boolean()])) as Record<
  Switch,
  z.ZodBoolean
>;

/** The client's NotificationPreferences (frontend/src/types/notification.ts and the page's fields). */
export const NotificationPreferences = wireSchema(
  "NotificationPreferences",
  z.strictObject({ user_id: wireId, ...wireSwitches, email_digest: z.enum(EMAIL_DIGESTS), updated_at: wireTime }),
);
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const SavedPreferences = wireSchema(
  "SavedNotificationPreferences",
  z.strictObject({
    message: z.string().meta({ examples: ["Notification preferences updated"] }),
    preferences: NotificationPreferences,
  }),
);
export type SavedPreferences = z.infer<typeof SavedPreferences>;

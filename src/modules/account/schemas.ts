import { z } from "zod";
import { PROFILE_VISIBILITIES } from "../../db/schema";
import { wireSchema } from "../../http/openapi/registry";
import { wireId, wireTime } from "../../http/wire-fields";
import { NotificationPreferences } from "../notifications/preferences";
import { User } from "../users/schemas";
import { DELETE_CONFIRMATION } from "./deletion";

export const UpdateSettings = z
  .object({
    profile_visibility: z.enum(PROFILE_VISIBILITIES).optional(),
    show_karma_publicly: z.boolean().optional(),
  })
  .strict();
export const DeleteAccount = z.object({
  confirmation: z.literal(DELETE_CONFIRMATION, { error: `Please type "${DELETE_CONFIRMATION}" to confirm` }),
  reason: z.string().trim().max(1000).optional(),
});

/** Defaults (public, karma shown) until first saved. */
export const WireSettings = wireSchema(
  "UserSettings",
  z.strictObject({
    user_id: wireId,
    profile_visibility: z.enum(PROFILE_VISIBILITIES),
    show_karma_publicly: z.boolean(),
    created_at: wireTime,
    updated_at: wireTime,
  }),
);
export type WireSettings = z.infer<typeof WireSettings>;

export const SettingsBody = wireSchema("SettingsBody", z.strictObject({ settings: WireSettings }));
export type SettingsBody = z.infer<typeof SettingsBody>;

export const DeletionStatus = wireSchema(
  "DeletionStatus",
  z.union([
    z.strictObject({ pending: z.literal(false) }),
    z.strictObject({ pending: z.literal(true), scheduled_for: wireTime, requested_at: wireTime }),
  ]),
);
export type DeletionStatus = z.infer<typeof DeletionStatus>;

export const DeletionScheduled = wireSchema(
  "DeletionScheduled",
  z.strictObject({
    message: z.string().meta({ examples: ["Account deletion scheduled"] }),
    scheduled_for: wireTime.meta({ description: "When the account is anonymised unless cancelled before." }),
  }),
);
export type DeletionScheduled = z.infer<typeof DeletionScheduled>;

const rows = z.array(z.record(z.string(), z.unknown())).meta({ description: "The user's rows, as stored." });

/** `GET /users/me/export`: everything stored about and by the user (sent as a download). */
export const AccountExport = wireSchema(
  "AccountExport",
  z.strictObject({
    exported_at: wireTime,
    user: User.extend({ social_links: z.record(z.string(), z.string()).nullable() }),
    settings: WireSettings,
    notification_preferences: NotificationPreferences,
    submissions: rows,
    clips_submitted: rows,
    comments: rows,
    votes: rows,
    comment_votes: rows,
    favorites: rows,
    following: rows,
    followers: rows,
    broadcasters_followed: rows,
    games_followed: rows,
    karma_history: rows,
    watch_history: rows,
    watch_queue: rows,
    notifications: rows,
    search_history: rows,
    reports: rows,
    playlists: rows,
  }),
);
export type AccountExport = z.infer<typeof AccountExport>;

/** The honest free tier (frontend/src/lib/subscription-api.ts): no paid plans exist. */
export const Subscription = wireSchema(
  "Subscription",
  z.strictObject({
    id: wireId,
    user_id: wireId,
    stripe_customer_id: z.literal(""),
    status: z.literal("inactive"),
    tier: z.literal("free"),
    cancel_at_period_end: z.literal(false),
    created_at: wireTime,
    updated_at: wireTime,
  }),
);
export type Subscription = z.infer<typeof Subscription>;

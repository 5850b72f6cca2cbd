import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notificationPreferences } from "../../db/schema";
import {
  DEFAULT_PREFERENCES,
  delivers,
  type NotificationPreferences,
  type Preferences,
  type UpdatePreferences,
} from "./preferences";
import type { NewNotification } from "./repo";

type Stored = Record<string, boolean | string>;

/** The defaults overlaid with what was stored, key by key, so a switch added later starts at its default. */
function merge(stored: Stored | undefined): Preferences {
  const prefs: Record<string, boolean | string> = { ...DEFAULT_PREFERENCES };
  for (const [key, value] of Object.entries(stored ?? {})) {
    if (key in prefs && typeof value === typeof prefs[key]) prefs[key] = value;
  }
  return prefs as Preferences;
}

export async function findPreferences(db: Db, user: { id: string; createdAt: Date }): Promise<NotificationPreferences> {
  const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, user.id));
  return {
    user_id: user.id,
    ...merge(row?.preferences),
    updated_at: (row?.updatedAt ?? user.createdAt).toISOString(),
  };
}

/** Only the choices are kept: the echoed user_id and updated_at are dropped. */
export async function savePreferences(db: Db, userId: string, body: UpdatePreferences): Promise<void> {
  const { user_id: _user, updated_at: _at, ...choices } = body;
  const patch = Object.fromEntries(Object.entries(choices).filter(([, v]) => v !== undefined)) as Stored;
  await db
    .insert(notificationPreferences)
    .values({ userId, preferences: patch })
    .onConflictDoUpdate({
      target: notificationPreferences.userId,
      set: {
        preferences: sql`${notificationPreferences.preferences} || ${JSON.stringify(patch)}::jsonb`,
        updatedAt: new Date(),
      },
    });
}

export async function resetPreferences(db: Db, userId: string): Promise<void> {
  await db.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
}

/** The rows whose recipient has not muted their kind. */
export async function deliverable(db: Db, rows: NewNotification[]): Promise<NewNotification[]> {
  if (rows.length === 0) return rows;
  const stored = await db
    .select({ userId: notificationPreferences.userId, preferences: notificationPreferences.preferences })
    .from(notificationPreferences)
    .where(
      inArray(
        notificationPreferences.userId,
        rows.map((r) => r.userId),
      ),
    );
  const byUser = new Map(stored.map((s) => [s.userId, merge(s.preferences)]));
  return rows.filter((r) => delivers(byUser.get(r.userId) ?? DEFAULT_PREFERENCES, r.type));
}

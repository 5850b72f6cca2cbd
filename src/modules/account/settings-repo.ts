import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type ProfileVisibility, userSettings } from "../../db/schema";
import type { WireSettings } from "./schemas";

export type SettingsRow = typeof userSettings.$inferSelect;
export interface SettingsPatch {
  profileVisibility?: ProfileVisibility;
  showKarmaPublicly?: boolean;
}

/** The stored row, or the defaults (dated with the account) for a user who never changed anything. */
export async function findSettings(db: Db, user: { id: string; createdAt: Date }): Promise<SettingsRow> {
  const [row] = await db.select().from(userSettings).where(eq(userSettings.userId, user.id));
  return (
    row ?? {
      userId: user.id,
      profileVisibility: "public",
      showKarmaPublicly: true,
      createdAt: user.createdAt,
      updatedAt: user.createdAt,
    }
  );
}

export async function saveSettings(db: Db, userId: string, patch: SettingsPatch): Promise<void> {
  await db
    .insert(userSettings)
    .values({ userId, ...patch })
    .onConflictDoUpdate({ target: userSettings.userId, set: { ...patch, updatedAt: new Date() } });
}

export function toWireSettings(row: SettingsRow): WireSettings {
  return {
    user_id: row.userId,
    profile_visibility: row.profileVisibility,
    show_karma_publicly: row.showKarmaPublicly,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

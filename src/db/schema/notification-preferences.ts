import { sql } from "drizzle-orm";
import { jsonb, pgTable, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { users } from "./users";

// A row only once the user saved the preferences page; `preferences` holds the choices made, the defaults the rest.
export const notificationPreferences = pgTable("notification_preferences", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  preferences: jsonb().$type<Record<string, boolean | string>>().notNull().default(sql`'{}'::jsonb`),
  ...timestamps,
});

import { z } from "zod";

/** Keeps ids that are not UUIDs away from Postgres, and `/users/<word>` routes of other groups reachable. */
export const UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

export const UsernameParam = z.object({ username: z.string().min(1).max(50) });

export const ProfileQuery = z.object({ full: z.enum(["true", "false", "1", "0"]).optional() });

export const UpdateProfileBody = z.object({
  display_name: z.string().trim().min(1).max(100),
  bio: z.string().trim().max(500).nullish(),
});

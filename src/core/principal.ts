import type { UserRole } from "../db/schema";

/** The signed-in caller, as the auth middleware resolves it from the user row. */
export interface Principal {
  userId: string;
  role: UserRole;
}

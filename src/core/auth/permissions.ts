import type { UserRole } from "../../db/schema";
import { AppError } from "../errors";
import type { Principal } from "../principal";

/** The one permission table: which roles hold each permission. */
const PERMISSIONS = {
  "clips:moderate": ["moderator", "admin"],
  "clips:delete": ["admin"],
  "clips:edit-any": ["admin"],
  "comments:moderate": ["moderator", "admin"],
  "comments:edit-any": ["admin"],
  "tags:manage": ["moderator", "admin"],
  "submissions:review": ["moderator", "admin"],
  "reports:review": ["moderator", "admin"],
  "audit:read": ["moderator", "admin"],
  "profiles:view-private": ["moderator", "admin"],
  "bans:read": ["moderator", "admin"],
  "users:manage": ["admin"],
  "roles:assign": ["admin"],
  "search:admin": ["admin"],
  "rate-limit:exempt": ["admin"],
  "queues:manage": ["admin"],
  "analytics:read": ["admin"],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(principal: Principal | undefined, permission: Permission): boolean {
  return !!principal && (PERMISSIONS[permission] as readonly UserRole[]).includes(principal.role);
}

/** The least role holding `permission` (the RBAC matrix and OpenAPI describe a route by it). */
export function leastRoleFor(permission: Permission): UserRole {
  return PERMISSIONS[permission][0];
}

/** Owner-scoped resources: the owner, or a holder of the overriding permission. */
export function assertOwnerOr(principal: Principal, ownerId: string | null | undefined, permission: Permission) {
  if (ownerId && ownerId === principal.userId) return;
  if (can(principal, permission)) return;
  throw new AppError("FORBIDDEN", "You do not have permission to modify this resource");
}

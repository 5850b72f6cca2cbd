import { createMiddleware } from "hono/factory";
import type { UserRole } from "../../db/schema";
import type { AppEnv, Principal } from "../../http/env";
import { AppError } from "../../http/errors";

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
  "users:manage": ["admin"],
  "roles:assign": ["admin"],
  "search:admin": ["admin"],
  "rate-limit:exempt": ["admin"],
  "queues:manage": ["admin"],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(principal: Principal | undefined, permission: Permission): boolean {
  return !!principal && (PERMISSIONS[permission] as readonly UserRole[]).includes(principal.role);
}

/** Must run after requireAuth: an anonymous caller is a 401 there, a signed-in one without the permission a 403 here. */
export function requirePermission(permission: Permission) {
  return createMiddleware<AppEnv>(async function requirePermissionMiddleware(c, next) {
    const principal = c.get("principal");
    if (!principal) throw new AppError("UNAUTHORIZED", "Authentication required");
    if (!can(principal, permission)) throw new AppError("FORBIDDEN", "Insufficient permissions");
    await next();
  });
}

/** Owner-scoped resources: the owner, or a holder of the overriding permission. */
export function assertOwnerOr(principal: Principal, ownerId: string | null | undefined, permission: Permission) {
  if (ownerId && ownerId === principal.userId) return;
  if (can(principal, permission)) return;
  throw new AppError("FORBIDDEN", "You do not have permission to modify this resource");
}

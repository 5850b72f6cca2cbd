import { type Context, Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth, requirePermission } from "../../http/middleware/auth";
import { returns } from "../../http/openapi/registry";
import { pageMeta } from "../../http/pagination";
import { validate } from "../../http/validate";
import { listAudit } from "../audit/repo";
import { findUserById } from "../users/repo";
import { toWireUser, type UserRow } from "../users/wire";
import { assignRole, banUser, listUsers, unbanUser } from "./repo";
import {
  AdminUserChanged,
  AdminUserPage,
  AuditLogPage,
  AuditLogQuery,
  BanBody,
  IdParam,
  ListUsersQuery,
  RoleBody,
} from "./schemas";

const adminView = (row: UserRow) => toWireUser(row, { includeEmail: true });

function targetOtherThanSelf(c: Context<AppEnv>, userId: string) {
  const actorId = principalOf(c).userId;
  if (actorId === userId) throw new AppError("INVALID_REQUEST", "You cannot change your own account");
  return actorId;
}

function found(row: UserRow | undefined): UserRow {
  if (!row) throw new AppError("NOT_FOUND", "User not found");
  return row;
}

export function createAdminUserRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get(
      "/admin/users",
      requireAuth(deps),
      requirePermission("users:manage"),
      validate("query", ListUsersQuery),
      returns(AdminUserPage),
      async (c) => {
        const query = c.req.valid("query");
        const { page, role } = query;
        const limit = c.req.query("per_page") === undefined ? query.limit : query.per_page;
        const banned = query.banned ?? (query.status && (query.status === "banned" ? "true" : "false"));
        const { rows, total } = await listUsers(deps.db, {
          q: query.q || query.search,
          role,
          banned: banned === undefined ? undefined : banned === "true",
          page,
          limit,
        });
        const data = rows.map(adminView);
        // `users`, `total`, `page` and `per_page` are what AdminUsersPage reads; `data` and `meta` the family B shape.
        return c.json({
          success: true,
          data,
          meta: pageMeta(page, limit, total),
          users: data,
          total,
          page,
          per_page: limit,
        } satisfies AdminUserPage);
      },
    )
    .on(
      ["PATCH", "POST"],
      "/admin/users/:id/role",
      requireAuth(deps),
      requirePermission("roles:assign"),
      validate("param", IdParam),
      validate("json", RoleBody),
      returns(AdminUserChanged),
      async (c) => {
        const userId = c.req.valid("param").id;
        const actorId = targetOtherThanSelf(c, userId);
        const { role: previous } = found(await findUserById(deps.db, userId));
        const role = c.req.valid("json").role;
        const row = found(await assignRole(deps, { actorId, userId, role, previous }));
        return c.json({ success: true, message: "Role updated", data: adminView(row) } satisfies AdminUserChanged);
      },
    )
    .post(
      "/admin/users/:id/ban",
      requireAuth(deps),
      requirePermission("users:manage"),
      validate("param", IdParam),
      validate("json", BanBody),
      returns(AdminUserChanged),
      async (c) => {
        const userId = c.req.valid("param").id;
        const actorId = targetOtherThanSelf(c, userId);
        const row = found(await banUser(deps, { actorId, userId, reason: c.req.valid("json").reason }));
        return c.json({ success: true, message: "User banned", data: adminView(row) } satisfies AdminUserChanged);
      },
    )
    .post(
      "/admin/users/:id/unban",
      requireAuth(deps),
      requirePermission("users:manage"),
      validate("param", IdParam),
      returns(AdminUserChanged),
      async (c) => {
        const userId = c.req.valid("param").id;
        const row = found(await unbanUser(deps, { actorId: principalOf(c).userId, userId }));
        return c.json({ success: true, message: "User unbanned", data: adminView(row) } satisfies AdminUserChanged);
      },
    )
    .get(
      "/admin/audit-logs",
      requireAuth(deps),
      requirePermission("audit:read"),
      validate("query", AuditLogQuery),
      returns(AuditLogPage),
      async (c) => {
        const { action, actor_id, target_id, page, limit } = c.req.valid("query");
        const { rows, total } = await listAudit(deps.db, {
          action,
          actorId: actor_id,
          targetId: target_id,
          limit,
          offset: (page - 1) * limit,
        });
        const data = rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() }));
        return c.json({ success: true, data, meta: pageMeta(page, limit, total) } satisfies AuditLogPage);
      },
    );
}

import { z } from "zod";
import { USER_ROLES } from "../../db/schema";
import { uuidField } from "../../http/ids";
import { clampedInt, lenientEnum } from "../../http/query-params";

const page = clampedInt(1, 10_000, 1);
const limit = clampedInt(1, 100, 20);

export const IdParam = z.object({ id: z.uuid() });

/** AdminUsersPage sends `search`, `status` and `per_page` for `q`, `banned` and `limit`; both spellings work. */
export const ListUsersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  search: z.string().trim().max(100).optional(),
  role: z.enum(USER_ROLES).optional(),
  banned: z.enum(["true", "false"]).optional(),
  status: lenientEnum(["active", "banned"], undefined, "`banned` or `active` (not banned)."),
  page,
  limit,
  per_page: clampedInt(1, 100, 20),
});

export const AuditLogQuery = z.object({
  action: z.string().max(100).optional(),
  actor_id: uuidField().optional(),
  target_id: z.string().max(100).optional(),
  page,
  limit,
});

export const RoleBody = z.object({ role: z.enum(USER_ROLES) });

export const BanBody = z.object({ reason: z.string().trim().max(500).optional() });

import { z } from "zod";
import { USER_ROLES } from "../../db/schema";
import { uuidField } from "../../http/ids";
import { wireSchema } from "../../http/openapi/registry";
import { clampedInt, lenientEnum } from "../../http/query-params";
import { count, PageMeta, success, wireId, wireTime } from "../../http/wire-fields";
import { User } from "../users/schemas";

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

/** Family B `{success, data, meta}` plus the `users`, `total`, `page`, `per_page` AdminUsersPage reads. */
export const AdminUserPage = wireSchema(
  "AdminUserPage",
  z.strictObject({
    success,
    data: z.array(User),
    meta: PageMeta,
    users: z.array(User),
    total: count,
    page: PageMeta.shape.page,
    per_page: PageMeta.shape.limit,
  }),
);
export type AdminUserPage = z.infer<typeof AdminUserPage>;

/** A role change, ban or unban: the user as it is now. */
export const AdminUserChanged = wireSchema(
  "AdminUserChanged",
  z.strictObject({ success, message: z.string().meta({ examples: ["User banned"] }), data: User }),
);
export type AdminUserChanged = z.infer<typeof AdminUserChanged>;

const nullableText = z.string().nullable();

export const AuditEntry = wireSchema(
  "AuditEntry",
  z.strictObject({
    id: wireId,
    actor_id: wireId.nullable(),
    actor_username: nullableText,
    action: z.string().meta({ examples: ["user.ban"] }),
    target_type: z.string().meta({ examples: ["user"] }),
    target_id: z.string().meta({ examples: ["5b0c1c8e-9a6f-4a8e-8a55-0e1b4f1f2a10"] }),
    target_username: nullableText.meta({ description: "Only when the target is a user." }),
    reason: nullableText,
    metadata: z.record(z.string(), z.unknown()).nullable(),
    created_at: wireTime,
  }),
);

export const AuditLogPage = wireSchema(
  "AuditLogPage",
  z.strictObject({ success, data: z.array(AuditEntry), meta: PageMeta }),
);
export type AuditLogPage = z.infer<typeof AuditLogPage>;

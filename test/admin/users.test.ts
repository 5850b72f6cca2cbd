import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { refreshTokens } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let admin: TestUser;
let moderator: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  admin = await createUser(t, { role: "admin" });
  moderator = await createUser(t, { role: "moderator" });
}, 120_000);
afterAll(() => t.close());

const call = (method: string, path: string, who: TestUser | undefined, body?: unknown) =>
  t.request(`/api/v1${path}`, {
    method,
    headers: who?.headers ?? { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function audit(targetId: string) {
  return (await json(await call("GET", `/admin/audit-logs?target_id=${targetId}`, admin))).data;
}

describe("GET /admin/users", () => {
  test("searches and pages users with emails", async () => {
    const target = await createUser(t, { username: `findme_${randomUUID().slice(0, 6)}` });
    const res = await call("GET", `/admin/users?q=${target.username}&limit=500`, admin);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ id: target.id, email: `${target.username}@example.test` });
    expect(body.meta).toEqual({ page: 1, limit: 100, total: 1, total_pages: 1, has_next: false, has_prev: false });
    const wildcard = await json(await call("GET", "/admin/users?q=%25&limit=1", admin));
    expect(wildcard.data).toHaveLength(0);
  });

  test("AdminUsersPage's spelling: search, status and per_page in; users, total, page and per_page out", async () => {
    const name = `console_${randomUUID().slice(0, 6)}`;
    const banned = await createUser(t, { username: `${name}_b`, banned: true });
    const active = await createUser(t, { username: `${name}_a` });
    const res = await call("GET", `/admin/users?page=1&per_page=25&search=${name}`, admin);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ total: 2, page: 1, per_page: 25, meta: { limit: 25, total: 2 } });
    expect(body.users).toEqual(body.data);
    expect(body.users.map((u: { id: string }) => u.id).sort()).toEqual([banned.id, active.id].sort());
    const onlyBanned = await json(await call("GET", `/admin/users?search=${name}&status=banned`, admin));
    expect(onlyBanned.users.map((u: { id: string }) => u.id)).toEqual([banned.id]);
    const onlyActive = await json(await call("GET", `/admin/users?search=${name}&status=active&per_page=1`, admin));
    expect(onlyActive).toMatchObject({ total: 1, per_page: 1 });
    expect(onlyActive.users[0].id).toBe(active.id);
  });

  test("401 anonymous, 403 moderator and user", async () => {
    expect((await call("GET", "/admin/users", undefined)).status).toBe(401);
    expect((await call("GET", "/admin/users", moderator)).status).toBe(403);
    expect((await call("GET", "/admin/users", await createUser(t))).status).toBe(403);
  });
});

describe("role changes", () => {
  test("PATCH and POST assign a role and write the audit log", async () => {
    const target = await createUser(t);
    const res = await call("PATCH", `/admin/users/${target.id}/role`, admin, { role: "moderator" });
    expect(res.status).toBe(200);
    expect((await json(res)).data.role).toBe("moderator");
    expect((await call("POST", `/admin/users/${target.id}/role`, admin, { role: "user" })).status).toBe(200);
    const entries = await audit(target.id);
    expect(entries.map((e: { metadata: unknown }) => e.metadata)).toEqual([
      { from: "moderator", to: "user" },
      { from: "user", to: "moderator" },
    ]);
    expect(entries[0]).toMatchObject({
      actor_id: admin.id,
      actor_username: admin.username,
      action: "user.role_change",
    });
  });

  test("bad role 400, own role 400, unknown user 404, bad id 400, moderator 403", async () => {
    const target = await createUser(t);
    expect((await call("PATCH", `/admin/users/${target.id}/role`, admin, { role: "god" })).status).toBe(400);
    expect((await call("PATCH", `/admin/users/${admin.id}/role`, admin, { role: "user" })).status).toBe(400);
    expect((await call("PATCH", `/admin/users/${randomUUID()}/role`, admin, { role: "user" })).status).toBe(404);
    expect((await call("PATCH", "/admin/users/nope/role", admin, { role: "user" })).status).toBe(400);
    expect((await call("PATCH", `/admin/users/${target.id}/role`, moderator, { role: "admin" })).status).toBe(403);
  });
});

describe("ban and unban", () => {
  test("ban revokes refresh tokens, blocks the user, is audited; unban restores", async () => {
    const target = await createUser(t);
    const login = await json(
      await t.request("/api/v1/auth/test-login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user_id: target.id }),
      }),
    );
    const res = await call("POST", `/admin/users/${target.id}/ban`, admin, { reason: "spam" });
    expect(res.status).toBe(200);
    expect((await json(res)).data).toMatchObject({ is_banned: true, ban_reason: "spam" });
    const live = await t.deps.db
      .select()
      .from(refreshTokens)
      .where(and(eq(refreshTokens.userId, target.id), isNull(refreshTokens.revokedAt)));
    expect(live).toHaveLength(0);
    const refresh = await t.request("/api/v1/auth/refresh", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refresh_token: login.refresh_token }),
    });
    expect(refresh.status).toBe(401);
    expect((await call("PUT", "/users/me/profile", target, { display_name: "x" })).status).toBe(403);

    const unban = await call("POST", `/admin/users/${target.id}/unban`, admin);
    expect(unban.status).toBe(200);
    expect((await json(unban)).data).toMatchObject({ is_banned: false, ban_reason: null });
    expect((await call("PUT", "/users/me/profile", target, { display_name: "x" })).status).toBe(200);
    expect(
      (await audit(target.id)).map((e: { action: string; reason: string | null }) => [e.action, e.reason]),
    ).toEqual([
      ["user.unban", null],
      ["user.ban", "spam"],
    ]);
  });

  test("bodiless ban works; self-ban 400; unknown 404; moderator 403; anonymous 401", async () => {
    const target = await createUser(t);
    const bodiless = await t.request(`/api/v1/admin/users/${target.id}/ban`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(bodiless.status).toBe(200);
    expect((await call("POST", `/admin/users/${admin.id}/ban`, admin, {})).status).toBe(400);
    expect((await call("POST", `/admin/users/${randomUUID()}/ban`, admin, {})).status).toBe(404);
    expect((await call("POST", `/admin/users/${target.id}/unban`, moderator)).status).toBe(403);
    expect((await call("POST", `/admin/users/${target.id}/unban`, undefined)).status).toBe(401);
  });
});

describe("GET /admin/audit-logs", () => {
  test("moderators may read; filters by action and actor; users 403", async () => {
    const target = await createUser(t);
    await call("POST", `/admin/users/${target.id}/ban`, admin, { reason: "r" });
    const res = await call("GET", `/admin/audit-logs?action=user.ban&actor_id=${admin.id}&limit=5`, moderator);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.data.length).toBeGreaterThan(0);
    expect(
      body.data.every((e: { action: string; actor_id: string }) => e.action === "user.ban" && e.actor_id === admin.id),
    ).toBe(true);
    expect(body.meta).toMatchObject({ page: 1, limit: 5 });
    expect((await call("GET", "/admin/audit-logs?actor_id=bad", moderator)).status).toBe(400);
    expect((await call("GET", "/admin/audit-logs", await createUser(t))).status).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { users } from "../../src/db/schema";
import { createTestContext, type TestContext } from "../support/app";
import { createUser, type TestUser } from "../support/users";

/**
 * The auth middleware caches each caller's role and ban state under the user's scope, so a signed-in read does not
 * query users first; the admin role and ban routes invalidate that scope, so their changes apply on the very next
 * request. Runs on real Redis too when TEST_REDIS_URL is set (versions then come from pub/sub).
 */
let t: TestContext;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  admin = await createUser(t, { role: "admin" });
}, 120_000);
afterAll(() => t.close());

const as = (who: TestUser, method: string, path: string, body?: unknown) =>
  t.request(`/api/v1${path}`, {
    method,
    headers: who.headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
/** A route only moderators and admins may read. */
const moderatorOnly = (who: TestUser) => as(who, "GET", "/admin/reports");

describe("the caller's cached role and ban state", () => {
  test("a ban applies on the banned user's next request, an unban too", async () => {
    const user = await createUser(t);
    expect((await as(user, "GET", "/auth/me")).status).toBe(200);
    expect((await as(user, "POST", "/queue", { clip_id: crypto.randomUUID() })).status).not.toBe(403);

    expect((await as(admin, "POST", `/admin/users/${user.id}/ban`, { reason: "spam" })).status).toBe(200);
    const banned = await as(user, "POST", "/queue", { clip_id: crypto.randomUUID() });
    expect(banned.status).toBe(403);
    // /auth/me still answers a banned user (the SPA shows the ban), with the new state.
    expect(((await (await as(user, "GET", "/auth/me")).json()) as { is_banned: boolean }).is_banned).toBe(true);

    expect((await as(admin, "POST", `/admin/users/${user.id}/unban`)).status).toBe(200);
    expect((await as(user, "POST", "/queue", { clip_id: crypto.randomUUID() })).status).not.toBe(403);
  });

  test("a role change applies on the next request, both ways", async () => {
    const user = await createUser(t);
    expect((await moderatorOnly(user)).status).toBe(403);
    expect((await as(admin, "PATCH", `/admin/users/${user.id}/role`, { role: "moderator" })).status).toBe(200);
    expect((await moderatorOnly(user)).status).toBe(200);
    expect((await as(admin, "PATCH", `/admin/users/${user.id}/role`, { role: "user" })).status).toBe(200);
    expect((await moderatorOnly(user)).status).toBe(403);
  });

  test("the row is read from the cache: a change that bypasses the admin routes is not seen", async () => {
    const user = await createUser(t);
    expect((await moderatorOnly(user)).status).toBe(403);
    await t.deps.db.update(users).set({ role: "moderator" }).where(eq(users.id, user.id));
    expect((await moderatorOnly(user)).status).toBe(403);
  });
});

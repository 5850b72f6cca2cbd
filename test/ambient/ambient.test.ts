import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestContext, json, type TestContext } from "../support/app";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let user: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  user = await createUser(t);
});
afterAll(() => t.close());

const CONSENT = { success: true, data: { essential: true, functional: false, analytics: false, advertising: false } };
const bare = () => ({ authorization: `Bearer ${user.token}` });

describe("ambient stubs", () => {
  test("featured playlists: an empty family-B page", async () => {
    const res = await t.request("/api/v1/playlists/featured?page=1&limit=8");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      success: true,
      data: [],
      meta: { page: 1, limit: 8, total: 0, total_pages: 0, has_next: false, has_prev: false },
    });
  });

  test("signed-in shell calls", async () => {
    expect(await json(await t.request("/api/v1/notifications/count", { headers: bare() }))).toEqual({
      unread_count: 0,
    });
    expect(await json(await t.request("/api/v1/queue?limit=20", { headers: bare() }))).toEqual({
      success: true,
      data: { items: [], total: 0 },
    });
    expect(await json(await t.request("/api/v1/queue/count", { headers: bare() }))).toEqual({
      success: true,
      data: { count: 0 },
    });
    expect(await json(await t.request("/api/v1/users/me/consent", { headers: bare() }))).toEqual(CONSENT);
    const posted = await t.request("/api/v1/users/me/consent", {
      method: "POST",
      headers: user.headers,
      body: JSON.stringify({ analytics: true }),
    });
    expect(await json(posted)).toEqual(CONSENT);
    const watched = await t.request("/api/v1/watch-history", { method: "POST", headers: bare() });
    expect(watched.status).toBe(204);
  });

  test("each needs a signed-in user", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/notifications/count"],
      ["GET", "/api/v1/queue"],
      ["GET", "/api/v1/queue/count"],
      ["GET", "/api/v1/users/me/consent"],
      ["POST", "/api/v1/users/me/consent"],
      ["POST", "/api/v1/watch-history"],
    ] as const) {
      const res = await t.request(path, { method });
      expect(res.status).toBe(401);
      expect((await json(res)).code).toBe("UNAUTHORIZED");
    }
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestContext, json, type TestContext } from "../support/app";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let admin: TestUser;
let moderator: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  admin = await createUser(t, { role: "admin" });
  moderator = await createUser(t, { role: "moderator" });
});
afterAll(() => t.close());

describe("/admin/queues", () => {
  test("anonymous callers get 401, non-admins 403, on the page and its API", async () => {
    for (const path of ["/admin/queues", "/admin/queues/api/queues"]) {
      expect((await t.request(path)).status).toBe(401);
      expect((await t.request(path, { headers: moderator.headers })).status).toBe(403);
      const viaCookie = await t.request(path, { headers: { cookie: `access_token=${moderator.token}` } });
      expect(viaCookie.status).toBe(403);
    }
    expect((await t.request("/admin/queues/api/queues/embed/retry/failed", { method: "PUT" })).status).toBe(401);
  });

  test("a cookie-authenticated mutation without the CSRF token is refused", async () => {
    const res = await t.request("/admin/queues/api/queues/embed/retry/failed", {
      method: "PUT",
      headers: { cookie: `access_token=${admin.token}` },
    });
    expect(res.status).toBe(403);
    expect((await json(res)).code).toBe("CSRF_FAILED");
  });

  test("admins see the dashboard with BullMQ, or a 404 saying why without it", async () => {
    const page = await t.request("/admin/queues", { headers: admin.headers });
    const api = await t.request("/admin/queues/api/queues", { headers: admin.headers });
    if (t.deps.jobs.kind === "bullmq") {
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<html");
      expect(api.status).toBe(200);
      const names = (await json(api)).queues.map((q: { name: string }) => q.name);
      expect(names).toEqual(expect.arrayContaining(["search-index", "embed"]));
    } else {
      expect(page.status).toBe(404);
      expect((await json(page)).error).toContain("BullMQ");
      expect(api.status).toBe(404);
    }
  });
});

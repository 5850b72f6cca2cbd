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
  test("signed-in shell calls", async () => {
    expect(await json(await t.request("/api/v1/users/me/consent", { headers: bare() }))).toEqual(CONSENT);
    const posted = await t.request("/api/v1/users/me/consent", {
      method: "POST",
      headers: user.headers,
      body: JSON.stringify({ analytics: true }),
    });
    expect(await json(posted)).toEqual(CONSENT);
  });

  test("each needs a signed-in user", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/users/me/consent"],
      ["POST", "/api/v1/users/me/consent"],
    ] as const) {
      const res = await t.request(path, { method });
      expect(res.status).toBe(401);
      expect((await json(res)).code).toBe("UNAUTHORIZED");
    }
  });
});

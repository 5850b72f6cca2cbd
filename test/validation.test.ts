import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestContext, json, type TestContext } from "./support/app";
import { createUser } from "./support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ BODY_LIMIT_BYTES: "2048" });
});
afterAll(() => t.close());

describe("request bodies", () => {
  test("an empty body labelled JSON reads as {} (contract §1.2)", async () => {
    const user = await createUser(t);
    const res = await t.request("/api/v1/auth/logout", { method: "POST", headers: user.headers, body: "" });
    expect(res.status).toBe(200);
  });

  test("malformed JSON is a 400 with the contract's error shape", async () => {
    const user = await createUser(t);
    const res = await t.request("/api/v1/users/me/profile", { method: "PUT", headers: user.headers, body: "{nope" });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ success: false, code: "INVALID_REQUEST" });
  });

  test("a validation error names the field", async () => {
    const user = await createUser(t);
    const res = await t.request("/api/v1/users/me/profile", {
      method: "PUT",
      headers: user.headers,
      body: JSON.stringify({ display_name: "" }),
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.code).toBe("VALIDATION_ERROR");
    expect(body.error).toContain("display_name");
  });

  test("a body over the configured limit is a 413", async () => {
    const user = await createUser(t);
    const res = await t.request("/api/v1/users/me/profile", {
      method: "PUT",
      headers: user.headers,
      body: JSON.stringify({ display_name: "x", bio: "y".repeat(5000) }),
    });
    expect(res.status).toBe(413);
    expect(await json(res)).toMatchObject({ success: false, code: "PAYLOAD_TOO_LARGE" });
  });
});

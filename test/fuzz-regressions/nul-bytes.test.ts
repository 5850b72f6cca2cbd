import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestContext, json, type TestContext } from "../support/app";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  admin = await createUser(t, { role: "admin" });
});
afterAll(() => t.close());

// Postgres cannot store U+0000 in text; found by `bun run fuzz` reaching the database as a 500.
describe("fuzz regression: NUL bytes in queries and bodies are a 400, never a 500", () => {
  for (const path of ["/api/v1/feeds/clips", "/api/v1/clips"]) {
    for (const param of ["language", "tag", "exclude_tags", "game_id", "broadcaster_id", "creator_id"]) {
      test(`GET ${path}?${param}=<NUL>`, async () => {
        const res = await t.request(`${path}?${param}=a%00b`);
        expect(res.status).toBe(400);
        const body = await json(res);
        // /clips uses the Family-A envelope (contract §1.5).
        expect(body.code ?? body.error.code).toBe("VALIDATION_ERROR");
      });
    }
  }

  test("GET /tags/search?q=<NUL>", async () => {
    const res = await t.request("/api/v1/tags/search?q=a%00b");
    expect(res.status).toBe(400);
    expect((await json(res)).code).toBe("VALIDATION_ERROR");
  });

  test("GET /admin/submissions?broadcaster=<NUL> as admin", async () => {
    const res = await t.request("/api/v1/admin/submissions?broadcaster=a%00b&creator=%00", { headers: admin.headers });
    expect(res.status).toBe(400);
    expect((await json(res)).code).toBe("VALIDATION_ERROR");
  });

  test("POST /admin/tags with a NUL in the name is a 400 and creates nothing", async () => {
    const res = await t.request("/api/v1/admin/tags", {
      method: "POST",
      headers: admin.headers,
      body: JSON.stringify({ name: "nul\u0000tag", slug: "nul-tag-fuzz" }),
    });
    expect(res.status).toBe(400);
    expect((await json(res)).code).toBe("VALIDATION_ERROR");
    expect((await t.request("/api/v1/tags/nul-tag-fuzz")).status).toBe(404);
  });

  test("the same filters without NUL still work", async () => {
    const res = await t.request("/api/v1/feeds/clips?language=en&tag=clutch,fail&game_id=%C3%BC");
    expect(res.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { sign } from "hono/jwt";
import { refreshTokens, users } from "../../src/db/schema";
import { createTestContext, json, TEST_JWT_SECRET, type TestContext } from "../support/app";
import { createUser } from "../support/users";
import { CookieJar, setCookies } from "./session-helpers";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
}, 120_000);
afterAll(() => t.close());

const post = (path: string, init: RequestInit = {}) => t.request(`/api/v1${path}`, { method: "POST", ...init });
const jsonBody = (body: unknown): RequestInit => ({
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

async function testLogin(username: string) {
  const jar = new CookieJar();
  const res = jar.store(await post("/auth/test-login", jsonBody({ username })));
  expect(res.status).toBe(200);
  return { jar, body: await json(res) };
}

describe("POST /auth/test-login", () => {
  test("by username or id returns the user and tokens, and sets cookies", async () => {
    const user = await createUser(t);
    const { body, jar } = await testLogin(user.username);
    expect(body.user).toMatchObject({ id: user.id, username: user.username, role: "user" });
    expect(body.access_token).toBeString();
    expect(body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(jar.cookies.get("refresh_token")).toBe(body.refresh_token);
    const byId = await post("/auth/test-login", jsonBody({ user_id: user.id }));
    expect(byId.status).toBe(200);
  });

  test("errors: no identifier 400, unknown 404, banned 403", async () => {
    expect((await post("/auth/test-login", jsonBody({}))).status).toBe(400);
    const unknown = await post("/auth/test-login", jsonBody({ username: "nobody_at_all" }));
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({ error: "User not found" });
    const banned = await createUser(t, { banned: true });
    expect((await post("/auth/test-login", jsonBody({ username: banned.username }))).status).toBe(403);
  });

  test("is not mounted when disabled", async () => {
    const prod = await createTestContext({ ENABLE_TEST_LOGIN: "false" });
    try {
      expect(
        (await prod.request("/api/v1/auth/test-login", { method: "POST", ...jsonBody({ username: "x" }) })).status,
      ).toBe(404);
    } finally {
      await prod.close();
    }
  }, 60_000);
});

describe("POST /auth/refresh", () => {
  test("rotates the refresh token (cookie) and issues a working access token", async () => {
    const user = await createUser(t);
    const { jar, body } = await testLogin(user.username);
    const res = jar.store(await post("/auth/refresh", { headers: { cookie: jar.header() } }));
    expect(res.status).toBe(200);
    const tokens = await json(res);
    expect(tokens.refresh_token).not.toBe(body.refresh_token);
    expect(setCookies(res).refresh_token!.value).toBe(tokens.refresh_token);
    const me = await t.request("/api/v1/auth/me", { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect((await json(me)).id).toBe(user.id);
    const rows = await t.deps.db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id));
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.familyId)).size).toBe(1);
    expect(rows.every((r) => r.tokenHash.length === 64 && r.tokenHash !== tokens.refresh_token)).toBe(true);
  });

  test("accepts the token in the body", async () => {
    const { body } = await testLogin((await createUser(t)).username);
    const res = await post("/auth/refresh", jsonBody({ refresh_token: body.refresh_token }));
    expect(res.status).toBe(200);
  });

  test("missing or unknown token is a 401", async () => {
    const missing = await post("/auth/refresh");
    expect(missing.status).toBe(401);
    expect(await json(missing)).toMatchObject({ error: "Missing refresh token" });
    const unknown = await post("/auth/refresh", jsonBody({ refresh_token: "x".repeat(43) }));
    expect(unknown.status).toBe(401);
    expect(await json(unknown)).toMatchObject({ error: "Failed to refresh token" });
  });

  test("expired tokens and banned users are refused", async () => {
    const user = await createUser(t);
    const { body } = await testLogin(user.username);
    await t.deps.db
      .update(refreshTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(refreshTokens.userId, user.id));
    expect((await post("/auth/refresh", jsonBody({ refresh_token: body.refresh_token }))).status).toBe(401);

    const other = await createUser(t);
    const session = await testLogin(other.username);
    await t.deps.db.update(users).set({ isBanned: true }).where(eq(users.id, other.id));
    expect((await post("/auth/refresh", jsonBody({ refresh_token: session.body.refresh_token }))).status).toBe(401);
  });
});

describe("POST /auth/logout", () => {
  test("revokes the session, clears both cookies, always 200", async () => {
    const { jar, body } = await testLogin((await createUser(t)).username);
    const res = await post("/auth/logout", { headers: { cookie: jar.header() } });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ message: "Logged out successfully" });
    const cookies = setCookies(res);
    expect(cookies.access_token!.attributes).toContain("max-age=0");
    expect(cookies.refresh_token!.attributes).toContain("max-age=0");
    expect((await post("/auth/refresh", jsonBody({ refresh_token: body.refresh_token }))).status).toBe(401);
    expect((await post("/auth/logout")).status).toBe(200);
    expect((await post("/auth/logout", jsonBody({ refresh_token: "garbage" }))).status).toBe(200);
  });
});

describe("access tokens", () => {
  const me = (token: string) => t.request("/api/v1/auth/me", { headers: { authorization: `Bearer ${token}` } });

  test("anonymous /auth/me is a family-A 401", async () => {
    const res = await t.request("/api/v1/auth/me");
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual({
      success: false,
      error: { code: "UNAUTHORIZED", message: "Authentication required" },
      request_id: expect.any(String),
    });
  });

  test("own profile includes the email", async () => {
    const user = await createUser(t);
    const body = await json(await me(user.token));
    expect(body).toMatchObject({ id: user.id, email: `${user.username}@example.test`, karma_points: 100 });
  });

  test("expired, tampered, alg:none, wrong-secret and malformed tokens are 401, never 403", async () => {
    const user = await createUser(t);
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: user.id, role: "admin", iat: now - 1000, exp: now + 900, jti: "j" };
    const [header, , signature] = user.token.split(".");
    const forgedPayload = Buffer.from(JSON.stringify(claims)).toString("base64url");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${forgedPayload}.`;
    const tokens = [
      await sign({ ...claims, role: "user", exp: now - 10 }, TEST_JWT_SECRET, "HS256"),
      `${header}.${forgedPayload}.${signature}`,
      none,
      await sign(claims, "another-secret-that-is-at-least-32-bytes", "HS256"),
      "not-a-jwt",
    ];
    for (const token of tokens) {
      const res = await me(token);
      expect(res.status).toBe(401);
      expect((await json(res)).error.code).toBe("UNAUTHORIZED");
    }
  });

  test("a banned user still loads /auth/me (ban banner) but gets 403 elsewhere", async () => {
    const user = await createUser(t, { banned: true });
    const res = await me(user.token);
    expect(res.status).toBe(200);
    expect((await json(res)).is_banned).toBe(true);
    const profile = await t.request("/api/v1/users/me/profile", {
      method: "PUT",
      headers: user.headers,
      body: JSON.stringify({ display_name: "x" }),
    });
    expect(profile.status).toBe(403);
    expect(await json(profile)).toMatchObject({ code: "BANNED" });
  });
});

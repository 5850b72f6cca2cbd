import { afterAll, beforeAll, describe, expect, setSystemTime, test } from "bun:test";
import { createTestContext, json, type TestContext } from "../support/app";
import { createUser } from "../support/users";
import { CookieJar, setCookies } from "./session-helpers";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
}, 120_000);
afterAll(() => t.close());

/** A signed-in browser: cookies from test-login, then a GET to pick up the CSRF token. */
async function browser() {
  const user = await createUser(t);
  const jar = new CookieJar();
  jar.store(
    await t.request("/api/v1/auth/test-login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_id: user.id }),
    }),
  );
  const page = jar.store(await t.request("/api/v1/config", { headers: { cookie: jar.header() } }));
  return { user, jar, csrf: page.headers.get("x-csrf-token")! };
}

const updateProfile = (headers: Record<string, string>) =>
  t.request("/api/v1/users/me/profile", {
    method: "PUT",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ display_name: "Changed" }),
  });

describe("CSRF", () => {
  test("signed-out reads get no token and set no cookie (they stay cacheable)", async () => {
    const res = await t.request("/api/v1/config");
    expect(res.headers.get("x-csrf-token")).toBeNull();
    expect(res.headers.getSetCookie()).toHaveLength(0);
  });

  test("signing in hands out the token as header and HttpOnly cookie, usable at once", async () => {
    const user = await createUser(t);
    const jar = new CookieJar();
    const login = jar.store(
      await t.request("/api/v1/auth/test-login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user_id: user.id }),
      }),
    );
    const token = login.headers.get("x-csrf-token");
    expect(token).toMatch(/^[0-9a-z]{1,10}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    const cookie = setCookies(login).csrf_token!;
    expect(cookie.value).toBe(token!);
    expect(cookie.attributes).toEqual(expect.arrayContaining(["max-age=86400", "httponly", "samesite=lax", "path=/"]));
    expect((await updateProfile({ cookie: jar.header(), "x-csrf-token": token! })).status).toBe(200);
  });

  test("safe requests of a cookie session get the token, reused while valid", async () => {
    const user = await createUser(t);
    const session = `access_token=${user.token}`;
    const res = await t.request("/api/v1/config", { headers: { cookie: session } });
    const token = res.headers.get("x-csrf-token");
    expect(setCookies(res).csrf_token!.value).toBe(token!);
    const again = await t.request("/api/v1/config", { headers: { cookie: `${session}; csrf_token=${token}` } });
    expect(again.headers.get("x-csrf-token")).toBe(token);
    expect(again.headers.getSetCookie()).toHaveLength(0);
    const forged = await t.request("/api/v1/config", {
      headers: { cookie: `${session}; csrf_token=${"a".repeat(43)}` },
    });
    expect(forged.headers.get("x-csrf-token")).not.toBe("a".repeat(43));
    // A session whose access token expired still has its refresh cookie: the refresh that follows needs no token,
    // but the page's next writes do.
    const refreshOnly = await t.request("/api/v1/config", { headers: { cookie: "refresh_token=whatever" } });
    expect(refreshOnly.headers.get("x-csrf-token")).toEqual(expect.any(String));
  });

  test("cookie-authenticated mutation with the matching header is accepted", async () => {
    const { jar, csrf } = await browser();
    const res = await updateProfile({ cookie: jar.header(), "x-csrf-token": csrf });
    expect(res.status).toBe(200);
  });

  test("missing, mismatched or unknown tokens are 403 CSRF_FAILED", async () => {
    const { jar, csrf } = await browser();
    const missing = await updateProfile({ cookie: jar.header() });
    expect(missing.status).toBe(403);
    expect(await json(missing)).toMatchObject({ code: "CSRF_FAILED", error: "CSRF token missing" });

    const other = await browser();
    const mismatch = await updateProfile({ cookie: jar.header(), "x-csrf-token": other.csrf });
    expect(mismatch.status).toBe(403);
    expect(await json(mismatch)).toMatchObject({ error: "CSRF token invalid or expired" });

    const tampered = `${csrf.slice(0, -2)}${csrf.endsWith("A") ? "B" : "A"}A`;
    const forged = await updateProfile({ cookie: `${jar.header()}; csrf_token=${tampered}`, "x-csrf-token": tampered });
    expect(forged.status).toBe(403);

    setSystemTime(new Date(Date.now() + 25 * 3600 * 1000));
    try {
      const expired = await updateProfile({ cookie: jar.header(), "x-csrf-token": csrf });
      expect(expired.status).toBe(403);
      expect(await json(expired)).toMatchObject({ error: "CSRF token invalid or expired" });
    } finally {
      setSystemTime();
    }
  });

  test("Bearer and cookie-less requests are exempt, and so are refresh/logout", async () => {
    const user = await createUser(t);
    expect((await updateProfile({ authorization: `Bearer ${user.token}` })).status).toBe(200);
    expect((await updateProfile({})).status).toBe(401);
    const { jar } = await browser();
    expect(
      (await t.request("/api/v1/auth/refresh", { method: "POST", headers: { cookie: jar.header() } })).status,
    ).toBe(200);
    expect((await t.request("/api/v1/auth/logout", { method: "POST", headers: { cookie: jar.header() } })).status).toBe(
      200,
    );
  });

  test("cookies are Secure in production", async () => {
    const prod = await createTestContext({ NODE_ENV: "production" });
    try {
      const user = await createUser(prod);
      const res = await prod.request("/api/v1/config", { headers: { cookie: `access_token=${user.token}` } });
      expect(setCookies(res).csrf_token!.attributes).toContain("secure");
      expect((await prod.request("/api/v1/auth/test-login", { method: "POST" })).status).toBe(404);
    } finally {
      await prod.close();
    }
  }, 60_000);
});

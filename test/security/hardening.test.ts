import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq, sql } from "drizzle-orm";
import { sign } from "hono/jwt";
import { queryRows } from "../../src/db/client";
import { users } from "../../src/db/schema";
import { createTestContext, json, TEST_JWT_SECRET, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

// Complements injection.test.ts: the remaining string inputs, bounded list sizes, JWT algorithm pinning,
// CORS denial and a real 500 that still leaks nothing.
let t: TestContext;
let author: TestUser;
let admin: TestUser;
let canary: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  author = await createUser(t);
  admin = await createUser(t, { role: "admin" });
  canary = await createUser(t);
});
afterAll(() => t.close());

const SQLI = ["' OR 1=1 --", '"; drop table users; --', "1' union select email from users --", "$$;$$", "\\'; --"];
const count = async (table: "users" | "clips" | "comments") =>
  (await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;
const q = encodeURIComponent;

describe("SQL payloads through the remaining inputs", () => {
  test("feed filters, admin user search and submission URLs: 4xx or data, never a 500; tables intact", async () => {
    const before = { users: await count("users"), clips: await count("clips") };
    const [canaryRow] = await t.deps.db.select().from(users).where(eq(users.id, canary.id));
    for (const p of SQLI) {
      for (const path of [
        `/api/v1/feeds/clips?game_id=${q(p)}&broadcaster_id=${q(p)}&creator_id=${q(p)}`,
        `/api/v1/feeds/clips?date_from=${q(p)}`,
        `/api/v1/clips?date_to=${q(p)}&tag=${q(p)}`,
        `/api/v1/games/${q(p)}/clips`,
        `/api/v1/tags/${q(p)}/clips`,
      ]) {
        const res = await t.request(path);
        expect(res.status, path).toBeLessThan(500);
      }
      const found = await t.request(`/api/v1/admin/users?q=${q(p)}`, { headers: admin.headers });
      expect(found.status).toBe(200);
      expect((await json(found)).data).toEqual([]);
      const submitted = await t.request("/api/v1/submissions", {
        method: "POST",
        headers: author.headers,
        body: JSON.stringify({ clip_url: p }),
      });
      expect(submitted.status).toBe(400);
    }
    expect({ users: await count("users"), clips: await count("clips") }).toEqual(before);
    const [after] = await t.deps.db.select().from(users).where(eq(users.id, canary.id));
    expect(after).toEqual(canaryRow!);
  });

  test("a report description and a display name are stored and returned verbatim", async () => {
    const mod = await createUser(t, { role: "moderator" });
    for (const payload of [...SQLI, "<img src=x onerror=alert(1)>"]) {
      const clip = await createClip(t, author.id);
      const created = await t.request("/api/v1/reports", {
        method: "POST",
        headers: author.headers,
        body: JSON.stringify({ reportable_type: "clip", reportable_id: clip.id, reason: "spam", description: payload }),
      });
      expect(created.status).toBe(201);
      const list = await json(await t.request("/api/v1/admin/reports?limit=100", { headers: mod.headers }));
      expect(JSON.stringify(list)).toContain(JSON.stringify(payload).slice(1, -1));
      const profile = await t.request("/api/v1/users/me/profile", {
        method: "PUT",
        headers: author.headers,
        body: JSON.stringify({ display_name: payload }),
      });
      expect(profile.status).toBe(200);
      const shown = await t.request(`/api/v1/users/${author.id}`);
      expect(shown.headers.get("content-type")).toContain("application/json");
      expect(JSON.stringify(await json(shown))).toContain(JSON.stringify(payload).slice(1, -1));
    }
  });

  test("every response carries the secure headers", async () => {
    const res = await t.request(`/api/v1/users/${author.id}`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("strict-transport-security")).toContain("max-age=");
    const missing = await t.request("/api/v1/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/json");
    expect(missing.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("resource limits", () => {
  test("absurd limits return at most the contract maximum", async () => {
    await queryRows(
      t.deps.db,
      sql`insert into users (twitch_id, username, display_name)
          select 'bulk_' || g, 'bulk_user_' || g, 'Bulk ' || g from generate_series(1, 105) g`,
    );
    const clips = await Promise.all(Array.from({ length: 105 }, () => createClip(t, author.id)));
    for (let i = 0; i < 105; i += 35) {
      await Promise.all(
        clips.slice(i, i + 35).map((clip) =>
          t.request(`/api/v1/clips/${clips[0]!.id}/comments`, {
            method: "POST",
            headers: author.headers,
            body: JSON.stringify({ content: `bulk ${clip.id}` }),
          }),
        ),
      );
    }
    const size = (body: Record<string, unknown>) =>
      (body.data ?? body.clips ?? body.comments ?? body.entries ?? body.results) as unknown[];
    for (const [path, max] of [
      ["/api/v1/admin/users?limit=1000000&page=1", 100],
      ["/api/v1/feeds/clips?limit=1000000", 100],
      ["/api/v1/clips?limit=1000000", 100],
      [`/api/v1/users/${author.id}/clips?limit=1000000`, 100],
      [`/api/v1/clips/${clips[0]!.id}/comments?limit=1000000`, 100],
      [`/api/v1/users/${author.id}/comments?limit=1000000`, 100],
      ["/api/v1/leaderboards/karma?limit=1000000", 100],
    ] as const) {
      const res = await t.request(path, { headers: admin.headers });
      expect(res.status, path).toBe(200);
      const list = size(await json(res));
      expect(Array.isArray(list), path).toBe(true);
      expect(list.length, path).toBeGreaterThan(20);
      expect(list.length, path).toBeLessThanOrEqual(max);
    }
  }, 60_000);

  test("a streamed body over the limit without Content-Length is a 413", async () => {
    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= 40) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await t.request(`/api/v1/reports`, {
      method: "POST",
      headers: author.headers,
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });
});

describe("tokens", () => {
  const claims = (id: string, role = "user") => {
    const now = Math.floor(Date.now() / 1000);
    return { sub: id, role, iat: now, exp: now + 900, jti: crypto.randomUUID() };
  };

  test("the algorithm is pinned: HS512/HS384 with the right secret and an RS256 header are 401", async () => {
    const header = (alg: string) => Buffer.from(JSON.stringify({ alg, typ: "JWT" })).toString("base64url");
    const valid = await sign(claims(author.id, "admin"), TEST_JWT_SECRET, "HS256");
    const [, payload, signature] = valid.split(".");
    for (const token of [
      await sign(claims(author.id, "admin"), TEST_JWT_SECRET, "HS512"),
      await sign(claims(author.id, "admin"), TEST_JWT_SECRET, "HS384"),
      `${header("RS256")}.${payload}.${signature}`,
    ]) {
      const res = await t.request("/api/v1/auth/me", { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
    }
  });

  test("a valid token for a deleted user is a 401", async () => {
    const gone = await createUser(t);
    await queryRows(t.deps.db, sql`delete from users where id = ${gone.id}`);
    for (const path of ["/api/v1/auth/me", "/api/v1/favorites", "/api/v1/search/history"]) {
      expect((await t.request(path, { headers: gone.headers })).status, path).toBe(401);
    }
  });
});

describe("CORS and failures", () => {
  test("a disallowed origin gets neither an origin nor a credentials grant, also on preflight", async () => {
    for (const init of [
      { headers: { origin: "https://evil.example" } },
      { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } },
    ] as RequestInit[]) {
      const res = await t.request("/api/v1/feeds/clips", init);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    }
  });

  test("an allowed preflight lists the contract's headers and methods", async () => {
    const res = await t.request("/api/v1/comments/x", {
      method: "OPTIONS",
      headers: { origin: "http://localhost:3000", "access-control-request-method": "PUT" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-methods")).toBe("GET,POST,PUT,PATCH,DELETE,OPTIONS");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toBe(
      "content-type,authorization,x-csrf-token,cache-control,x-requested-with",
    );
  });

  test("a 500 from a dead database says only 'Internal server error'", async () => {
    const broken = await createTestContext();
    const user = await createUser(broken);
    await broken.close();
    for (const [path, init] of [
      ["/api/v1/feeds/clips", {}],
      ["/api/v1/favorites", { headers: user.headers }],
      ["/api/v1/reports", { method: "POST", headers: user.headers, body: "{}" }],
    ] as const) {
      const res = await broken.request(path, init);
      expect(res.status, path).toBeGreaterThanOrEqual(500);
      const text = await res.text();
      expect(text, path).not.toMatch(/at .*\.ts|select |insert |pglite|postgres|\/work\/|node_modules|stack/i);
    }
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let author: TestUser;
let clipId: string;
beforeAll(async () => {
  t = await createTestContext();
  author = await createUser(t);
  clipId = (await createClip(t, author.id)).id;
});
afterAll(() => t.close());

const SQLI = ["' OR 1=1 --", '"; drop table users; --', "1' union select email from users --", "$$;$$", "\\'; --"];
const XSS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">'];
const userCount = async () =>
  (await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from users`))[0]!.n;

describe("injection through string inputs", () => {
  test("SQL payloads in query parameters are data: no 500, no altered query, tables intact", async () => {
    const before = await userCount();
    const paths = (p: string) => [
      `/api/v1/search?q=${encodeURIComponent(p)}`,
      `/api/v1/search/suggestions?q=${encodeURIComponent(p)}`,
      `/api/v1/tags/search?q=${encodeURIComponent(p)}`,
      `/api/v1/feeds/clips?tag=${encodeURIComponent(p)}&language=${encodeURIComponent(p.slice(0, 10))}`,
      `/api/v1/clips?search=${encodeURIComponent(p)}`,
      `/api/v1/broadcasters/${encodeURIComponent(p)}`,
      `/api/v1/users/by-username/${encodeURIComponent(p)}`,
    ];
    for (const payload of SQLI) {
      for (const path of paths(payload)) {
        const res = await t.request(path);
        expect(res.status, path).toBeLessThan(500);
        const body = await json(res);
        expect(JSON.stringify(body)).not.toContain("@example.test");
      }
    }
    expect(await userCount()).toBe(before);
  });

  test("stored payloads come back verbatim as JSON, never as HTML", async () => {
    for (const payload of [...SQLI, ...XSS]) {
      const created = await t.request(`/api/v1/clips/${clipId}/comments`, {
        method: "POST",
        headers: author.headers,
        body: JSON.stringify({ content: payload }),
      });
      expect(created.status).toBe(201);
      expect(created.headers.get("content-type")).toContain("application/json");
      expect((await json(created)).content).toBe(payload);
      const profile = await t.request("/api/v1/users/me/profile", {
        method: "PUT",
        headers: author.headers,
        body: JSON.stringify({ display_name: payload.slice(0, 100), bio: payload }),
      });
      expect(profile.status).toBe(200);
    }
    const list = await t.request(`/api/v1/clips/${clipId}/comments?sort=new&limit=100`);
    expect(list.headers.get("content-type")).toContain("application/json");
    expect(list.headers.get("x-content-type-options")).toBe("nosniff");
    const contents = (await json(list)).comments.map((c: { content: string }) => c.content);
    expect(contents).toEqual(expect.arrayContaining([...SQLI, ...XSS]));
  });
});

describe("limits and shapes", () => {
  test("huge page and limit values are clamped, never a 500", async () => {
    for (const path of [
      "/api/v1/feeds/clips?limit=100000000&offset=99999999999",
      "/api/v1/clips?page=999999999999&limit=999999",
      "/api/v1/tags?page=99999999999&limit=100000",
      `/api/v1/clips/${clipId}/comments?limit=100000&cursor=99999999999`,
      "/api/v1/search?q=clip&page=99999999999&limit=100000",
      "/api/v1/leaderboards/karma?page=99999999999&limit=100000",
    ]) {
      const res = await t.request(path);
      expect(res.status, path).toBeLessThan(500);
    }
    const feed = await json(await t.request("/api/v1/feeds/clips?limit=100000000"));
    expect(feed.pagination.limit).toBeLessThanOrEqual(100);
  });

  test("deeply nested JSON is a 4xx, not a crash", async () => {
    const nested = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const res = await t.request(`/api/v1/clips/${clipId}/comments`, {
      method: "POST",
      headers: author.headers,
      body: `{"content": ${nested}}`,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  test("a disallowed origin gets no CORS grant; an allowed one gets the contract's preflight", async () => {
    const evil = await t.request("/api/v1/feeds/clips", { headers: { origin: "https://evil.example" } });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await t.request("/api/v1/clips/x/vote", {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(preflight.headers.get("access-control-allow-credentials")).toBe("true");
  });

  test("error bodies carry no stack traces, SQL or file paths", async () => {
    for (const [path, init] of [
      ["/api/v1/clips/not-a-uuid/vote", { method: "POST", headers: author.headers, body: "{}" }],
      ["/api/v1/users/me/profile", { method: "PUT", headers: author.headers, body: "{bad json" }],
      ["/api/v1/nope", {}],
    ] as const) {
      const text = await (await t.request(path, init)).text();
      expect(text).not.toMatch(/at .*\.ts:\d+|select |\/work\/|node_modules/i);
    }
  });
});

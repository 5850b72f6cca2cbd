import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { compressResponses } from "../../src/http/middleware/compression";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

const ORIGIN = "http://localhost:5173";
const FEED = "/api/v1/feeds/clips?sort=new&limit=100";

let t: TestContext;
let user: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  user = await createUser(t);
  for (let i = 0; i < 100; i++) await createClip(t, user.id);
  await t.deps.caching.invalidate("feeds");
}, 120_000);
afterAll(() => t.close());

const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const vary = (res: Response) => (res.headers.get("vary") ?? "").toLowerCase();

describe("compression", () => {
  test("a 100-clip feed page is sent with brotli or gzip as the client prefers, and decodes to the same JSON", async () => {
    const plain = await t.request(FEED);
    const identity = await bytes(plain);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(Number(plain.headers.get("content-length"))).toBe(identity.byteLength);
    expect((JSON.parse(new TextDecoder().decode(identity)) as { clips: unknown[] }).clips).toHaveLength(100);
    expect(vary(plain)).toContain("accept-encoding");

    const br = await t.request(FEED, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    const brBody = await bytes(br);
    expect(Number(br.headers.get("content-length"))).toBe(brBody.byteLength);
    expect(brBody.byteLength * 4).toBeLessThan(identity.byteLength);
    expect(new Uint8Array(brotliDecompressSync(brBody))).toEqual(identity);

    const gzip = await t.request(FEED, { headers: { "accept-encoding": "br;q=0.5, gzip" } });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(new Uint8Array(gunzipSync(await bytes(gzip)))).toEqual(identity);

    const refused = await t.request(FEED, { headers: { "accept-encoding": "br;q=0, gzip;q=0" } });
    expect(refused.headers.get("content-encoding")).toBeNull();
  });

  test("small bodies are sent as they are, without Vary: Accept-Encoding", async () => {
    const res = await t.request("/api/v1/ping", { headers: { "accept-encoding": "br, gzip" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(vary(res)).not.toContain("accept-encoding");
  });

  test("event streams and no-transform responses are never compressed", async () => {
    const big = "data: x\n\n".repeat(1000);
    const app = new Hono()
      .use(compressResponses())
      .get("/events", (c) => c.body(big, 200, { "Content-Type": "text/event-stream" }))
      .get("/raw", (c) => c.body(big, 200, { "Content-Type": "text/plain", "Cache-Control": "no-transform" }))
      .get("/text", (c) => c.body(big, 200, { "Content-Type": "text/plain" }));
    const headers = { "accept-encoding": "gzip" };
    expect((await app.request("/events", { headers })).headers.get("content-encoding")).toBeNull();
    expect((await app.request("/raw", { headers })).headers.get("content-encoding")).toBeNull();
    expect((await app.request("/text", { headers })).headers.get("content-encoding")).toBe("gzip");
  });
});

describe("conditional requests and Cache-Control", () => {
  test("a signed-out read has a weak ETag, is public for a short while, and If-None-Match gives a bodiless 304", async () => {
    const first = await t.request(FEED, { headers: { "accept-encoding": "br" } });
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"[0-9a-z]+-[0-9a-z]+"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=15");
    expect(vary(first)).toContain("authorization");
    expect(vary(first)).toContain("cookie");
    // The same content under every encoding has the one ETag.
    expect((await t.request(FEED)).headers.get("etag")).toBe(etag);

    const again = await t.request(FEED, { headers: { "if-none-match": etag!, "accept-encoding": "br" } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toBe("public, max-age=15");
    expect(again.headers.get("content-encoding")).toBeNull();
    expect(await again.text()).toBe("");
    const listed = await t.request(FEED, { headers: { "if-none-match": `"other", ${etag!.slice(2)}` } });
    expect(listed.status).toBe(304);

    await createClip(t, user.id);
    await t.deps.caching.invalidate("feeds");
    const changed = await t.request(FEED, { headers: { "if-none-match": etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  test("a signed-in read is private and never stored", async () => {
    const res = await t.request(FEED, { headers: user.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(vary(res)).not.toContain("cookie");
    const cookie = await t.request("/api/v1/config", { headers: { cookie: `access_token=${user.token}` } });
    expect(cookie.headers.get("cache-control")).toBe("private, no-store");
  });

  test("errors are not stored, and a route's own Cache-Control is kept", async () => {
    const missing = await t.request(`/api/v1/clips/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("no-store");
    expect(missing.headers.get("etag")).toBeNull();
    const asset = await t.request("/docs/assets/swagger-ui.css");
    expect(asset.headers.get("cache-control")).toBe("public, max-age=86400");
    const ready = await t.request("/health/ready");
    expect(ready.status).toBe(200);
    expect(ready.headers.get("cache-control")).toBeNull();
    expect(ready.headers.get("etag")).toBeNull();
  });

  test("signed-out reads set no cookie and carry no CSRF token", async () => {
    for (const path of [FEED, "/api/v1/config", "/api/v1/ping", `/api/v1/users/${user.id}`]) {
      const res = await t.request(path);
      expect({ path, cookies: res.headers.getSetCookie() }).toEqual({ path, cookies: [] });
      expect(res.headers.get("x-csrf-token")).toBeNull();
    }
  });
});

describe("Location on 201", () => {
  test("a comment, a report and a tag say where they now live", async () => {
    const clip = await createClip(t, user.id);
    const comment = await t.request(`/api/v1/clips/${clip.id}/comments`, {
      method: "POST",
      headers: user.headers,
      body: JSON.stringify({ content: "Where does this live?" }),
    });
    expect(comment.status).toBe(201);
    expect(comment.headers.get("location")).toBe(`/api/v1/comments/${(await json(comment)).id}`);

    const report = await t.request("/api/v1/reports", {
      method: "POST",
      headers: user.headers,
      body: JSON.stringify({ reportable_type: "clip", reportable_id: clip.id, reason: "spam" }),
    });
    expect(report.status).toBe(201);
    const location = report.headers.get("location")!;
    expect(location).toBe(`/api/v1/admin/reports/${(await json(report)).report.id}`);
    const moderator = await createUser(t, { role: "moderator" });
    expect((await t.request(location, { headers: moderator.headers })).status).toBe(200);

    const slug = `where-${crypto.randomUUID().slice(0, 8)}`;
    const tag = await t.request("/api/v1/admin/tags", {
      method: "POST",
      headers: moderator.headers,
      body: JSON.stringify({ name: slug, slug }),
    });
    expect(tag.status).toBe(201);
    expect(tag.headers.get("location")).toBe(`/api/v1/tags/${slug}`);
    expect((await t.request(tag.headers.get("location")!)).status).toBe(200);
  });
});

describe("CORS", () => {
  test("an allowed origin may read the rate-limit, search, Location, ETag and CSRF headers", async () => {
    const res = await t.request("/api/v1/ping", { headers: { origin: ORIGIN } });
    const exposed = (res.headers.get("access-control-expose-headers") ?? "").toLowerCase().split(/,\s*/);
    for (const name of [
      "x-csrf-token",
      "ratelimit-policy",
      "ratelimit",
      "ratelimit-limit",
      "ratelimit-remaining",
      "ratelimit-reset",
      "retry-after",
      "x-search-failover",
      "x-search-degraded",
      "location",
      "etag",
    ]) {
      expect(exposed).toContain(name);
    }
  });
});

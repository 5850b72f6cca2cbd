import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

const MESSAGE = "Rate limit exceeded. Please try again later.";

let t: TestContext;
let trusting: TestContext;
beforeAll(async () => {
  t = await createTestContext({ RATE_LIMIT_ENABLED: "true" });
  trusting = await createTestContext({ RATE_LIMIT_ENABLED: "true", TRUST_PROXY: "1" });
}, 120_000);
afterAll(async () => {
  await t.close();
  await trusting.close();
});

const vote = (ctx: TestContext, clipId: string, user: TestUser, value = 1) =>
  ctx.request(`/api/v1/clips/${clipId}/vote`, {
    method: "POST",
    headers: user.headers,
    body: JSON.stringify({ vote: value }),
  });

/** GET /auth/twitch: anonymous, 30/min, keyed by client IP. */
const startLogin = (ctx: TestContext, headers: Record<string, string> = {}) =>
  ctx.request("/api/v1/auth/twitch", { headers });

async function expectLimited(res: Response, limit: number) {
  expect(res.status).toBe(429);
  const body = await json(res);
  expect(body).toEqual({
    success: false,
    error: MESSAGE,
    code: "RATE_LIMITED",
    retry_after: expect.any(Number),
    request_id: expect.any(String),
  });
  expect(body.retry_after).toBeGreaterThanOrEqual(1);
  expect(res.headers.get("retry-after")).toBe(String(body.retry_after));
  expect(res.headers.get("ratelimit-limit")).toBe(String(limit));
  expect(res.headers.get("ratelimit-remaining")).toBe("0");
  expect(res.headers.get("ratelimit")).toMatch(new RegExp(`^"[^"]+";r=0;t=${body.retry_after}$`));
}

describe("per-route limits", () => {
  test("votes on different clips share one bucket per user; the 21st is a 429 in the plain shape", async () => {
    const user = await createUser(t);
    const [a, b, c] = await Promise.all([createClip(t, user.id), createClip(t, user.id), createClip(t, user.id)]);
    for (let i = 0; i < 20; i++) {
      const res = await vote(t, i % 2 ? a.id : b.id, user, i % 4 < 2 ? 1 : -1);
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-limit")).toBe("20");
      expect(res.headers.get("ratelimit-remaining")).toBe(String(19 - i));
      expect(Number(res.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
      // The current IETF draft's pair, naming the bucket: its quota and window, then what is left and when.
      expect(res.headers.get("ratelimit-policy")).toBe('"POST /clips/:id/vote";q=20;w=60');
      expect(res.headers.get("ratelimit")).toBe(
        `"POST /clips/:id/vote";r=${19 - i};t=${res.headers.get("ratelimit-reset")}`,
      );
    }
    await expectLimited(await vote(t, c.id, user), 20);

    // Another user, and another route for the same user, have their own budgets.
    const other = await createUser(t);
    expect((await vote(t, c.id, other)).status).toBe(200);
    const comment = await t.request(`/api/v1/clips/${c.id}/comments`, {
      method: "POST",
      headers: user.headers,
      body: JSON.stringify({ content: "Still allowed to comment" }),
    });
    expect(comment.status).toBe(201);
  });

  test("anonymous calls to a signed-in route are a 401, not a 429", async () => {
    const clip = await createClip(t, null);
    for (let i = 0; i < 25; i++) {
      const res = await t.request(`/api/v1/clips/${clip.id}/vote`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ vote: 1 }),
      });
      expect(res.status).toBe(401);
    }
  });

  test("admins are exempt", async () => {
    const admin = await createUser(t, { role: "admin" });
    const clip = await createClip(t, admin.id);
    for (let i = 0; i < 25; i++) {
      const res = await vote(t, clip.id, admin, i % 2 ? 1 : -1);
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-limit")).toBeNull();
    }
  });
});

describe("client IP", () => {
  test("with TRUST_PROXY=none a spoofed X-Forwarded-For does not change the bucket", async () => {
    for (let i = 0; i < 30; i++) {
      const res = await startLogin(t, { "x-forwarded-for": `203.0.113.${i}` });
      expect(res.status).toBe(307);
    }
    await expectLimited(await startLogin(t, { "x-forwarded-for": "198.51.100.7" }), 30);
    await expectLimited(await startLogin(t), 30);
  });

  test("with TRUST_PROXY=1 the right-most X-Forwarded-For entry is the client", async () => {
    for (let i = 0; i < 30; i++) {
      const res = await startLogin(trusting, { "x-forwarded-for": `10.0.0.${i}, 192.0.2.1` });
      expect(res.status).toBe(307);
    }
    // Whatever the client writes to the left, the address the proxy appended decides.
    await expectLimited(await startLogin(trusting, { "x-forwarded-for": "10.9.9.9, 192.0.2.1" }), 30);
    expect((await startLogin(trusting, { "x-forwarded-for": "10.0.0.1, 192.0.2.2" })).status).toBe(307);
  });
});

describe("off by default under test", () => {
  test("a context without RATE_LIMIT_ENABLED never limits", async () => {
    const plain = await createTestContext();
    try {
      for (let i = 0; i < 35; i++) expect((await startLogin(plain)).status).toBe(307);
    } finally {
      await plain.close();
    }
  });
});

describe.if(!!process.env.TEST_REDIS_URL)("with Redis gone", () => {
  test("requests are limited per process (fail open to memory), never failed", async () => {
    const ctx = await createTestContext({ RATE_LIMIT_ENABLED: "true" });
    try {
      const user = await createUser(ctx);
      const clip = await createClip(ctx, user.id);
      expect((await vote(ctx, clip.id, user)).status).toBe(200);
      ctx.deps.redis!.disconnect();
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await vote(ctx, clip.id, user, i % 2 ? 1 : -1)).status);
      expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
      expect(statuses[20]).toBe(429);
    } finally {
      await ctx.close();
    }
  });
});

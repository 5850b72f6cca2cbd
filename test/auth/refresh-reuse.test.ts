import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { refreshTokens } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createUser } from "../support/users";

const REUSE_INTERVAL_S = 10;
const MAX_SESSIONS = 3;

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({
    REFRESH_REUSE_INTERVAL_S: String(REUSE_INTERVAL_S),
    MAX_SESSIONS_PER_USER: String(MAX_SESSIONS),
  });
}, 120_000);
afterAll(() => t.close());

const post = (path: string, body?: unknown) =>
  t.request(`/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const refresh = (token: string) => post("/auth/refresh", { refresh_token: token });
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

async function login(username: string): Promise<{ refresh_token: string; access_token: string }> {
  const res = await post("/auth/test-login", { username });
  expect(res.status).toBe(200);
  return json(res);
}

/** Moves a rotated token's revocation back in time, as if the reuse interval had passed. */
async function ageRevocation(token: string, seconds: number) {
  await t.deps.db
    .update(refreshTokens)
    .set({ revokedAt: new Date(Date.now() - seconds * 1000) })
    .where(eq(refreshTokens.tokenHash, hash(token)));
}

describe("refresh-token reuse interval", () => {
  test("two tabs refreshing one token at once both succeed with the same successor", async () => {
    const user = await createUser(t);
    const session = await login(user.username);
    const results = await Promise.all([1, 2, 3].map(() => refresh(session.refresh_token)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const bodies = await Promise.all(results.map(json));
    expect(new Set(bodies.map((b) => b.refresh_token)).size).toBe(1);
    expect(bodies[0].refresh_token).not.toBe(session.refresh_token);
    const rows = await t.deps.db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id));
    expect(rows).toHaveLength(2);
    expect((await refresh(bodies[0].refresh_token)).status).toBe(200);
  });

  test("a retry inside the interval gets the same successor; the successor is stored only encrypted", async () => {
    const session = await login((await createUser(t)).username);
    const first = await json(await refresh(session.refresh_token));
    const retry = await refresh(session.refresh_token);
    expect(retry.status).toBe(200);
    expect((await json(retry)).refresh_token).toBe(first.refresh_token);
    const kept = await t.deps.cache.get(`auth:refresh-successor:${hash(session.refresh_token)}`);
    expect(kept).toBeString();
    expect(kept).not.toContain(first.refresh_token);
  });

  test("a reuse after the interval still revokes the whole family", async () => {
    const session = await login((await createUser(t)).username);
    const first = await json(await refresh(session.refresh_token));
    await ageRevocation(session.refresh_token, REUSE_INTERVAL_S + 1);
    const reuse = await refresh(session.refresh_token);
    expect(reuse.status).toBe(401);
    expect(await json(reuse)).toMatchObject({ error: "Failed to refresh token" });
    expect((await refresh(first.refresh_token)).status).toBe(401);
  });

  test("inside the interval, a successor that was logged out or rotated on is not handed back", async () => {
    const loggedOut = await login((await createUser(t)).username);
    const next = await json(await refresh(loggedOut.refresh_token));
    expect((await post("/auth/logout", { refresh_token: next.refresh_token })).status).toBe(200);
    expect((await refresh(loggedOut.refresh_token)).status).toBe(401);

    const rotated = await login((await createUser(t)).username);
    const second = await json(await refresh(rotated.refresh_token));
    const third = await json(await refresh(second.refresh_token));
    expect((await refresh(rotated.refresh_token)).status).toBe(401);
    expect((await refresh(third.refresh_token)).status).toBe(401);
  });
});

describe("sessions per user are capped", () => {
  test("a login beyond MAX_SESSIONS_PER_USER revokes the least recently used session", async () => {
    const user = await createUser(t);
    const sessions = [];
    for (let i = 0; i < MAX_SESSIONS; i += 1) sessions.push(await login(user.username));
    const used = await json(await refresh(sessions[0]!.refresh_token));
    await login(user.username);

    const active = await t.deps.db
      .select()
      .from(refreshTokens)
      .where(and(eq(refreshTokens.userId, user.id), isNull(refreshTokens.revokedAt)));
    expect(active).toHaveLength(MAX_SESSIONS);
    expect((await refresh(sessions[1]!.refresh_token)).status).toBe(401);
    expect((await refresh(used.refresh_token)).status).toBe(200);
    expect((await refresh(sessions[2]!.refresh_token)).status).toBe(200);
  });
});

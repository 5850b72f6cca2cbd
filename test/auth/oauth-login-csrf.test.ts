import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { refreshTokens, users } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { type FakeTwitch, startFakeTwitch } from "../support/fake-twitch";
import { CookieJar, postTwitchCallback, setCookies, startPkceLogin } from "./session-helpers";

let t: TestContext;
let fake: FakeTwitch;
beforeAll(async () => {
  fake = startFakeTwitch();
  t = await createTestContext({ ...fake.env, FRONTEND_URL: "http://localhost:5173" });
}, 120_000);
afterAll(async () => {
  await t.close();
  await fake.stop();
});

const SUCCESS = "http://localhost:5173/auth/success";
const getCallback = (jar: CookieJar, query: string) =>
  t.request(`/api/v1/auth/twitch/callback?${query}`, { headers: { cookie: jar.header() } });

/** Twitch's redirect back to the API for whoever `fake.loginAs` is: `?code=..&state=..`. */
async function authorizeAt(authorizeUrl: string, twitchUserId: string) {
  fake.loginAs = twitchUserId;
  const res = await fetch(authorizeUrl, { redirect: "manual" });
  return new URL(res.headers.get("location")!).searchParams;
}

async function sessionsOf(twitchId: string) {
  const [user] = await t.deps.db.select({ id: users.id }).from(users).where(eq(users.twitchId, twitchId));
  if (!user) return [];
  return t.deps.db
    .select()
    .from(refreshTokens)
    .where(inArray(refreshTokens.userId, [user.id]));
}

describe("OAuth state is made by the server and bound to the browser", () => {
  test("the authorize URL carries a server-made state, never the client's, plus an httpOnly binding cookie", async () => {
    const jar = new CookieJar();
    const clientState = randomBytes(32).toString("hex");
    const res = await t.request(
      `/api/v1/auth/twitch?code_challenge=${"a".repeat(43)}&code_challenge_method=S256&state=${clientState}`,
    );
    jar.store(res);
    const twitchState = new URL(res.headers.get("location")!).searchParams.get("state");
    expect(twitchState).toMatch(/^[0-9a-f]{64}$/);
    expect(twitchState).not.toBe(clientState);
    expect(await t.deps.cache.get(`oauth:state:${clientState}`)).toBeNull();
    const binding = setCookies(res).oauth_binding;
    expect(binding?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(binding?.attributes).toEqual(
      expect.arrayContaining(["path=/api/v1/auth/twitch/callback", "httponly", "samesite=lax", "max-age=300"]),
    );
  });

  test("the GET callback hands the SPA its own state back", async () => {
    const jar = new CookieJar();
    const start = await startPkceLogin(t, jar);
    const back = await authorizeAt(start.authorizeUrl, fake.addUser().id);
    const res = await getCallback(jar, back.toString());
    const spa = new URL(res.headers.get("location")!);
    expect(spa.searchParams.get("state")).toBe(start.state);
    expect(spa.searchParams.get("code")).toBe(back.get("code"));
  });

  test("a classic callback opened in another browser (login CSRF) fails and signs nobody in", async () => {
    const attacker = new CookieJar();
    const start = attacker.store(await t.request("/api/v1/auth/twitch?state=attackerchosen1"));
    const attackerTwitch = fake.addUser();
    const back = await authorizeAt(start.headers.get("location")!, attackerTwitch.id);

    const victim = new CookieJar();
    victim.store(await t.request("/api/v1/auth/twitch")); // the victim's own, unrelated pending login
    for (const jar of [new CookieJar(), victim]) {
      const res = await getCallback(jar, back.toString());
      expect(res.headers.get("location")).toBe(`${SUCCESS}?error=invalid_state`);
      expect(setCookies(res).refresh_token).toBeUndefined();
    }
    expect(await sessionsOf(attackerTwitch.id)).toHaveLength(0);
  });

  test("a PKCE callback without the initiating browser's cookie fails", async () => {
    const attacker = new CookieJar();
    const start = await startPkceLogin(t, attacker);
    const back = await authorizeAt(start.authorizeUrl, fake.addUser().id);
    const victim = new CookieJar();
    await startPkceLogin(t, victim);

    const bounce = await getCallback(victim, back.toString());
    expect(bounce.headers.get("location")).toBe(`${SUCCESS}?error=invalid_state`);
    for (const jar of [new CookieJar(), victim]) {
      const res = await postTwitchCallback(t, jar, {
        code: back.get("code"),
        state: start.state,
        code_verifier: start.verifier,
      });
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ error: "Invalid state parameter" });
    }
    const owner = await postTwitchCallback(t, attacker, {
      code: back.get("code"),
      state: start.state,
      code_verifier: start.verifier,
    });
    expect(owner.status).toBe(200);
  });

  test("another browser starting with the same client state leaves the pending login intact", async () => {
    const victim = new CookieJar();
    const shared = randomBytes(32).toString("hex");
    const start = await startPkceLogin(t, victim, shared);
    await startPkceLogin(t, new CookieJar(), shared);
    const victimTwitch = fake.addUser();
    const back = await authorizeAt(start.authorizeUrl, victimTwitch.id);
    const res = await postTwitchCallback(t, victim, {
      code: back.get("code"),
      state: shared,
      code_verifier: start.verifier,
    });
    expect(res.status).toBe(200);
    expect(await sessionsOf(victimTwitch.id)).toHaveLength(1);
  });
});

describe("a state is consumed once, atomically", () => {
  test("concurrent classic callbacks with one state give exactly one session", async () => {
    const jar = new CookieJar();
    const start = jar.store(await t.request("/api/v1/auth/twitch"));
    const state = new URL(start.headers.get("location")!).searchParams.get("state")!;
    const twitchUser = fake.addUser();
    const results = await Promise.all(
      [1, 2, 3].map(() => getCallback(jar, `code=${fake.issueCode(twitchUser.id)}&state=${state}`)),
    );
    const locations = results.map((r) => r.headers.get("location")).sort();
    expect(locations).toEqual([
      `${SUCCESS}?error=invalid_state`,
      `${SUCCESS}?error=invalid_state`,
      `${SUCCESS}?success=true`,
    ]);
    expect(await sessionsOf(twitchUser.id)).toHaveLength(1);
  });

  test("concurrent PKCE callbacks with one state give exactly one session", async () => {
    const jar = new CookieJar();
    const start = await startPkceLogin(t, jar);
    const twitchUser = fake.addUser();
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        postTwitchCallback(t, jar, {
          code: fake.issueCode(twitchUser.id, start.challenge),
          state: start.state,
          code_verifier: start.verifier,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    expect(await sessionsOf(twitchUser.id)).toHaveLength(1);
  });

  test(`Cache.take hands a value to exactly one of many concurrent callers (${process.env.TEST_REDIS_URL ? "redis" : "memory"})`, async () => {
    await t.deps.cache.set("take-race", "once", 60);
    const taken = await Promise.all(Array.from({ length: 20 }, () => t.deps.cache.take("take-race")));
    expect(taken.filter((v) => v !== null)).toEqual(["once"]);
  });
});

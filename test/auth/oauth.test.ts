import { afterAll, afterEach, beforeAll, describe, expect, setSystemTime, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { karmaHistory, users } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { type FakeTwitch, fakeClip, startFakeTwitch } from "../support/fake-twitch";
import {
  CookieJar,
  pkcePair,
  postTwitchCallback,
  setCookies,
  signInWithTwitch,
  startPkceLogin,
} from "./session-helpers";

let t: TestContext;
let fake: FakeTwitch;
beforeAll(async () => {
  fake = startFakeTwitch();
  t = await createTestContext({ ...fake.env, TWITCH_TIMEOUT_MS: "300", FRONTEND_URL: "http://localhost:5173" });
}, 120_000);
afterAll(async () => {
  await t.close();
  await fake.stop();
});
afterEach(() => {
  fake.failure = "none";
  setSystemTime();
});

const newState = () => randomBytes(32).toString("hex");
// One browser per test file is enough here; oauth-login-csrf.test.ts covers several.
const browser = new CookieJar();
const postCallback = (body: Record<string, unknown>) => postTwitchCallback(t, browser, body);
const startPkce = () => startPkceLogin(t, browser);

describe("GET /auth/twitch", () => {
  test("redirects to Twitch with a state of its own and the PKCE challenge", async () => {
    const { challenge } = pkcePair();
    const state = newState();
    const res = await t.request(
      `/api/v1/auth/twitch?code_challenge=${challenge}&code_challenge_method=S256&state=${state}`,
    );
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(`${fake.env.TWITCH_AUTH_URL}/authorize`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      client_id: "fake-client-id",
      redirect_uri: "http://localhost:8080/api/v1/auth/twitch/callback",
      response_type: "code",
      scope: "user:read:email",
      state: expect.stringMatching(/^[0-9a-f]{64}$/),
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
  });

  test("without PKCE the server makes up a state", async () => {
    const res = await t.request("/api/v1/auth/twitch");
    const location = new URL(res.headers.get("location")!);
    expect(location.searchParams.get("state")).toMatch(/^[0-9a-f]{64}$/);
    expect(location.searchParams.has("code_challenge")).toBe(false);
  });

  test("only one of challenge/method, or a bad method, is a 400", async () => {
    const { challenge } = pkcePair();
    for (const query of [
      `code_challenge=${challenge}`,
      "code_challenge_method=S256",
      `code_challenge=${challenge}&code_challenge_method=plain`,
    ]) {
      const res = await t.request(`/api/v1/auth/twitch?${query}&state=${newState()}`);
      expect(res.status).toBe(400);
    }
  });
});

describe("PKCE sign-in", () => {
  test("full flow sets cookies and /auth/me answers with the cookie", async () => {
    const twitchUser = fake.addUser();
    const { jar, res } = await signInWithTwitch(t, fake, twitchUser.id);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ message: "Authentication successful" });
    const cookies = setCookies(res);
    expect(cookies.access_token!.attributes).toEqual(
      expect.arrayContaining(["max-age=900", "path=/", "httponly", "samesite=lax"]),
    );
    expect(cookies.refresh_token!.attributes).toEqual(
      expect.arrayContaining(["max-age=604800", "path=/", "httponly", "samesite=lax"]),
    );
    expect(cookies.access_token!.attributes).not.toContain("secure");

    const me = await t.request("/api/v1/auth/me", { headers: { cookie: jar.header() } });
    expect(me.status).toBe(200);
    const user = await json(me);
    expect(user).toMatchObject({
      twitch_id: twitchUser.id,
      username: twitchUser.login,
      display_name: twitchUser.display_name,
      email: twitchUser.email,
      avatar_url: twitchUser.profile_image_url,
      role: "user",
      karma_points: 100,
      is_banned: false,
    });
    const ledger = await t.deps.db.select().from(karmaHistory).where(eq(karmaHistory.userId, user.id));
    expect(ledger.map((r) => [r.source, r.amount])).toEqual([["initial", 100]]);
  });

  test("the GET callback forwards a PKCE state to the SPA without consuming it", async () => {
    const { state, twitchState } = await startPkce();
    const callback = () =>
      t.request(`/api/v1/auth/twitch/callback?code=abc&state=${twitchState}`, {
        headers: { cookie: browser.header() },
      });
    const res = await callback();
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe(`http://localhost:5173/auth/success?code=abc&state=${state}`);
    expect((await callback()).headers.get("location")).toContain("code=abc");
  });

  test("a later login refreshes Twitch fields and grants no new karma", async () => {
    const twitchUser = fake.addUser();
    await signInWithTwitch(t, fake, twitchUser.id);
    fake.users.set(twitchUser.id, { ...twitchUser, login: `${twitchUser.login}_x`, display_name: "Renamed" });
    const { jar } = await signInWithTwitch(t, fake, twitchUser.id);
    const me = await json(await t.request("/api/v1/auth/me", { headers: { cookie: jar.header() } }));
    expect(me).toMatchObject({ username: `${twitchUser.login}_x`, display_name: "Renamed", karma_points: 100 });
    expect(me.last_login_at).toBeString();
  });

  test("wrong verifier is rejected and the state is spent", async () => {
    const { state, verifier } = await startPkce();
    const code = fake.issueCode(fake.addUser().id);
    const res = await postCallback({ code, state, code_verifier: pkcePair().verifier });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ error: "Invalid code verifier" });
    const retry = await postCallback({ code, state, code_verifier: verifier });
    expect(await json(retry)).toMatchObject({ error: "Invalid state parameter" });
  });

  test("a replayed state is rejected", async () => {
    const twitchUser = fake.addUser();
    const { verifier, challenge, state } = await startPkce();
    const first = await postCallback({
      code: fake.issueCode(twitchUser.id, challenge),
      state,
      code_verifier: verifier,
    });
    expect(first.status).toBe(200);
    const replay = await postCallback({
      code: fake.issueCode(twitchUser.id, challenge),
      state,
      code_verifier: verifier,
    });
    expect(replay.status).toBe(400);
    expect(await json(replay)).toMatchObject({ error: "Invalid state parameter" });
  });

  // The clock only moves the in-memory cache; Redis keeps its own time.
  test.skipIf(!!process.env.TEST_REDIS_URL)("a state older than five minutes has expired", async () => {
    const { state, verifier } = await startPkce();
    setSystemTime(new Date(Date.now() + 301_000));
    const res = await postCallback({ code: fake.issueCode(fake.addUser().id), state, code_verifier: verifier });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ error: "Invalid state parameter" });
  });

  test("missing fields are a 400", async () => {
    const res = await postCallback({ code: "x" });
    expect(res.status).toBe(400);
  });

  test("a code Twitch rejects is a 400", async () => {
    const { state, verifier } = await startPkce();
    const res = await postCallback({ code: "not-a-code", state, code_verifier: verifier });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ error: "Invalid authorization code" });
  });

  test("Twitch 5xx or a timeout is a 502", async () => {
    for (const failure of ["error", "slow"] as const) {
      const { state, verifier } = await startPkce();
      fake.failure = failure;
      fake.slowMs = 1_000;
      const res = await postCallback({ code: fake.issueCode(fake.addUser().id), state, code_verifier: verifier });
      expect(res.status).toBe(502);
      expect(await json(res)).toMatchObject({ code: "UPSTREAM_ERROR" });
    }
  });

  test("a banned user cannot sign in", async () => {
    const twitchUser = fake.addUser();
    await signInWithTwitch(t, fake, twitchUser.id);
    await t.deps.db.update(users).set({ isBanned: true }).where(eq(users.twitchId, twitchUser.id));
    const { res } = await signInWithTwitch(t, fake, twitchUser.id);
    expect(res.status).toBe(403);
    expect(await json(res)).toMatchObject({ error: "Your account has been banned" });
    expect(res.headers.getSetCookie().some((c) => c.startsWith("access_token="))).toBe(false);
  });
});

describe("classic (server-side) callback", () => {
  test("exchanges the code, sets cookies and redirects to success", async () => {
    const jar = new CookieJar();
    const start = jar.store(await t.request("/api/v1/auth/twitch"));
    fake.loginAs = fake.addUser().id;
    const authorize = await fetch(start.headers.get("location")!, { redirect: "manual" });
    const res = jar.store(
      await t.request(`/api/v1/auth/twitch/callback${new URL(authorize.headers.get("location")!).search}`, {
        headers: { cookie: jar.header() },
      }),
    );
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("http://localhost:5173/auth/success?success=true");
    expect((await t.request("/api/v1/auth/me", { headers: { cookie: jar.header() } })).status).toBe(200);
  });

  test("access_denied, unknown state and missing code redirect with an error", async () => {
    const start = await t.request("/api/v1/auth/twitch");
    fake.loginAs = null;
    const authorize = await fetch(start.headers.get("location")!, { redirect: "manual" });
    const denied = await t.request(`/api/v1/auth/twitch/callback${new URL(authorize.headers.get("location")!).search}`);
    expect(denied.headers.get("location")).toBe("http://localhost:5173/auth/success?error=access_denied");
    const unknown = await t.request(`/api/v1/auth/twitch/callback?code=x&state=${newState()}`);
    expect(unknown.headers.get("location")).toBe("http://localhost:5173/auth/success?error=invalid_state");
    const missing = await t.request("/api/v1/auth/twitch/callback");
    expect(missing.headers.get("location")).toBe("http://localhost:5173/auth/success?error=invalid_request");
  });
});

describe("POST /auth/twitch/reauthorize", () => {
  test("returns a fresh authorize URL (force_verify) with a stored state", async () => {
    const { jar } = await signInWithTwitch(t, fake, fake.addUser().id);
    const csrf = jar.store(await t.request("/api/v1/config", { headers: { cookie: jar.header() } }));
    const res = await t.request("/api/v1/auth/twitch/reauthorize", {
      method: "POST",
      headers: { cookie: jar.header(), "x-csrf-token": csrf.headers.get("x-csrf-token")! },
    });
    expect(res.status).toBe(200);
    const url = new URL((await json(res)).auth_url);
    expect(url.searchParams.get("force_verify")).toBe("true");
    expect(await t.deps.cache.get(`oauth:state:${url.searchParams.get("state")}`)).not.toBeNull();
  });
});

describe("Twitch client (Helix via app token)", () => {
  test("getClip and getGame, with the app token fetched once", async () => {
    const clip = fakeClip();
    fake.clips.set(clip.id, clip);
    fake.games.set("516575", {
      id: "516575",
      name: "VALORANT",
      box_art_url: "https://x/{width}x{height}.jpg",
      igdb_id: "1",
    });
    const before = fake.calls.filter((c) => c === "POST /oauth2/token").length;
    expect(await t.deps.twitch.getClip(clip.id)).toEqual(clip);
    expect(await t.deps.twitch.getClip("missing")).toBeNull();
    expect((await t.deps.twitch.getGame("516575"))?.name).toBe("VALORANT");
    expect(fake.calls.filter((c) => c === "POST /oauth2/token").length).toBe(before + 1);
  });

  test("Twitch failure is an UPSTREAM_ERROR", async () => {
    fake.failure = "error";
    await expect(t.deps.twitch.getGame("1")).rejects.toMatchObject({ code: "UPSTREAM_ERROR" });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, setSystemTime, test } from "bun:test";
import { signAccessToken } from "../../src/core/auth/access-token";
import { cacheStats } from "../../src/platform/cache/stats";
import { apiCall } from "../support/api";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

/**
 * GET /auth/me with a Bearer token is replayed from the response memo for that token while the user's scope keeps
 * its version: every write through the API to the users row (profile, karma, follows, ban) shows at once, and no
 * replay outlives the token.
 */
let t: TestContext;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  admin = await createUser(t, { role: "admin" });
}, 120_000);
afterAll(() => t.close());
afterEach(() => setSystemTime());

const replays = () => (cacheStats().responses ?? { hits: 0 }).hits;
const me = async (user: TestUser) => {
  const res = await t.request("/api/v1/auth/me", { headers: { authorization: user.headers.authorization! } });
  return { status: res.status, body: res.status === 200 ? await json(res) : undefined };
};

/** Asks until an answer is a replay (with Redis, the first one after a bump may not be stored). */
async function replayed(user: TestUser) {
  for (let i = 0; i < 5; i++) {
    const before = replays();
    const answer = await me(user);
    if (replays() > before) return answer;
  }
  throw new Error("GET /auth/me was never replayed");
}

describe("GET /auth/me from the response memo", () => {
  test("a repeated call with one token is replayed; another token of the same user is not that entry", async () => {
    const user = await createUser(t);
    const first = await replayed(user);
    expect(first).toMatchObject({ status: 200, body: { id: user.id, username: user.username } });
    const other = await createUser(t);
    expect((await me(other)).body.id).toBe(other.id);
  });

  test("a profile edit, a karma change, a follow and a ban each show at once", async () => {
    const user = await createUser(t);
    const fan = await createUser(t);
    const start = (await replayed(user)).body;

    const edit = await apiCall(t, "PUT", "/users/me/profile", user, { display_name: "Renamed", bio: "hi" });
    expect(edit.status).toBe(200);
    expect((await me(user)).body).toMatchObject({ display_name: "Renamed", bio: "hi" });

    await replayed(user);
    const clip = await createClip(t, user.id);
    expect((await apiCall(t, "POST", `/clips/${clip.id}/vote`, fan, { vote: 1 })).status).toBe(200);
    expect((await me(user)).body.karma_points).toBe(start.karma_points + 1);

    await replayed(user);
    expect((await apiCall(t, "POST", `/users/${user.id}/follow`, fan)).status).toBeLessThan(300);
    expect((await me(user)).body.follower_count).toBe(start.follower_count + 1);

    await replayed(user);
    expect((await apiCall(t, "POST", `/admin/users/${user.id}/ban`, admin, { reason: "spam" })).status).toBe(200);
    expect((await me(user)).body).toMatchObject({ is_banned: true, ban_reason: "spam" });
  });

  test("no replay outlives its token", async () => {
    const created = await createUser(t);
    // A token of 30 s, well inside the entry's own minute: its expiry ends the replays.
    const token = await signAccessToken({ id: created.id, role: "user" }, t.deps.config.auth.jwtSecret, 30);
    const user = { ...created, headers: { ...created.headers, authorization: `Bearer ${token}` } };
    await replayed(user);
    setSystemTime(new Date(Date.now() + 31_000));
    const before = replays();
    expect((await me(user)).status).toBe(401);
    expect(replays()).toBe(before);
  });
});

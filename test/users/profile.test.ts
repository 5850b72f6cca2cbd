import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { outbox, userFollows, users } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
}, 120_000);
afterAll(() => t.close());

describe("GET /users/by-username/:username", () => {
  test("short shape without full=true, case-insensitive", async () => {
    const user = await createUser(t);
    const res = await t.request(`/api/v1/users/by-username/${user.username.toUpperCase()}`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(Object.keys(body.data).sort()).toEqual(
      ["avatar_url", "bio", "created_at", "display_name", "id", "karma_points", "role", "username"].sort(),
    );
    expect(body).toMatchObject({ success: true, data: { id: user.id, karma_points: 100 } });
  });

  test("full=true returns the profile with stats and follow state, also on the doubled prefix", async () => {
    const owner = await createUser(t);
    const viewer = await createUser(t);
    await createClip(t, owner.id, { isFeatured: true, upvoteCount: 3 });
    await createClip(t, owner.id);
    await t.deps.db.insert(userFollows).values({ followerId: viewer.id, followingId: owner.id });
    for (const path of ["/api/v1/users/by-username/", "/api/v1/api/v1/users/by-username/"]) {
      const res = await t.request(`${path}${owner.username}?full=true`, { headers: viewer.headers });
      expect(res.status).toBe(200);
      const { data } = await json(res);
      expect(data).toMatchObject({
        id: owner.id,
        username: owner.username,
        role: "user",
        is_banned: false,
        follower_count: 0,
        following_count: 0,
        stats: { clips_submitted: 2, total_upvotes: 3, total_comments: 0, clips_featured: 1, broadcasters_followed: 0 },
        is_following: true,
        is_followed_by: false,
      });
      expect(data.email).toBeUndefined();
    }
  });

  test("unknown user is a 404", async () => {
    const res = await t.request("/api/v1/users/by-username/no_such_user_here?full=true");
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ error: "user not found" });
  });
});

describe("GET /users/:id", () => {
  test("email is shown to the user and admins only", async () => {
    const user = await createUser(t);
    const other = await createUser(t);
    const admin = await createUser(t, { role: "admin" });
    const email = async (headers?: Record<string, string>) =>
      (await json(await t.request(`/api/v1/users/${user.id}`, { headers }))).data.email;
    expect(await email()).toBeUndefined();
    expect(await email(other.headers)).toBeUndefined();
    expect(await email(user.headers)).toBe(`${user.username}@example.test`);
    expect(await email(admin.headers)).toBe(`${user.username}@example.test`);
  });

  test("anonymous viewers get follow flags false; unknown and non-UUID ids are 404", async () => {
    const user = await createUser(t);
    const { data } = await json(await t.request(`/api/v1/users/${user.id}`));
    expect(data).toMatchObject({ is_following: false, is_followed_by: false, stats: { clips_submitted: 0 } });
    expect((await t.request(`/api/v1/users/${randomUUID()}`)).status).toBe(404);
    expect((await t.request("/api/v1/users/not-a-uuid")).status).toBe(404);
  });

  test("an invalid token is a 401 even on this optional-auth route", async () => {
    const user = await createUser(t);
    const res = await t.request(`/api/v1/users/${user.id}`, { headers: { authorization: "Bearer nope" } });
    expect(res.status).toBe(401);
  });
});

describe("PUT /users/me/profile", () => {
  const put = (headers: Record<string, string>, body: unknown) =>
    t.request("/api/v1/users/me/profile", { method: "PUT", headers, body: JSON.stringify(body) });

  test("updates display name and bio, and queues a search update", async () => {
    const user = await createUser(t);
    const res = await put(user.headers, { display_name: "  New Name ", bio: "Hello there" });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ message: "Profile updated successfully" });
    const [row] = await t.deps.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ displayName: "New Name", bio: "Hello there" });
    const events = await t.deps.db.select().from(outbox).where(eq(outbox.aggregateId, user.id));
    expect(events.some((e) => e.aggregateType === "user")).toBe(true);
    await put(user.headers, { display_name: "New Name" });
    const [cleared] = await t.deps.db.select().from(users).where(eq(users.id, user.id));
    expect(cleared!.bio).toBeNull();
  });

  test("validation: display_name required 1–100, bio ≤ 500", async () => {
    const user = await createUser(t);
    for (const body of [
      {},
      { display_name: "" },
      { display_name: "x".repeat(101) },
      { display_name: "ok", bio: "b".repeat(501) },
    ]) {
      const res = await put(user.headers, body);
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ code: "VALIDATION_ERROR" });
    }
  });

  test("anonymous is a 401", async () => {
    expect((await put({ "content-type": "application/json" }, { display_name: "x" })).status).toBe(401);
  });
});

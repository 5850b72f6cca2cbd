import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { apiCall } from "../support/api";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("settings", () => {
  test("defaults, an update read back, another user's settings untouched", async () => {
    const [user, other] = [await createUser(t), await createUser(t)];
    const initial = (await apiCall(t, "GET", "/users/me/settings", user)).body.settings;
    expect(initial).toMatchObject({ user_id: user.id, profile_visibility: "public", show_karma_publicly: true });

    const put = await apiCall(t, "PUT", "/users/me/settings", user, {
      profile_visibility: "followers",
      show_karma_publicly: false,
    });
    expect(put.body).toEqual({ message: "Settings updated successfully" });
    await apiCall(t, "PUT", "/users/me/settings", user, { show_karma_publicly: true });
    expect((await apiCall(t, "GET", "/users/me/settings", user)).body.settings).toMatchObject({
      profile_visibility: "followers",
      show_karma_publicly: true,
    });
    expect((await apiCall(t, "GET", "/users/me/settings", other)).body.settings).toMatchObject({
      user_id: other.id,
      profile_visibility: "public",
    });
  });

  test("bad values are 400, anonymous 401", async () => {
    const user = await createUser(t);
    for (const body of [{ profile_visibility: "everyone" }, { show_karma_publicly: "yes" }, { user_id: user.id }]) {
      expect((await apiCall(t, "PUT", "/users/me/settings", user, body)).status).toBe(400);
    }
    expect((await apiCall(t, "GET", "/users/me/settings")).status).toBe(401);
    expect((await apiCall(t, "PUT", "/users/me/settings", undefined, {})).status).toBe(401);
  });
});

describe("export", () => {
  test("the user's own data as a JSON download, nobody else's", async () => {
    const [user, other] = [await createUser(t), await createUser(t)];
    const clip = await createClip(t, null);
    await apiCall(t, "POST", `/clips/${clip.id}/comments`, user, { content: "mine" });
    await apiCall(t, "POST", `/clips/${clip.id}/comments`, other, { content: "theirs" });
    await apiCall(t, "POST", `/clips/${clip.id}/vote`, user, { vote: 1 });
    await apiCall(t, "POST", "/playlists", user, { title: "Mine", visibility: "private" });
    await apiCall(t, "POST", "/playlists", other, { title: "Theirs", visibility: "public" });

    const res = await t.request("/api/v1/users/me/export", { headers: { authorization: `Bearer ${user.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const body = await json(res);
    expect(body.user).toMatchObject({ id: user.id, email: `${user.username}@example.test` });
    expect(body.settings.user_id).toBe(user.id);
    expect(body.notification_preferences).toMatchObject({ user_id: user.id, notify_replies: true });
    expect(body.comments.map((c: { content: string }) => c.content)).toEqual(["mine"]);
    expect(body.votes).toEqual([expect.objectContaining({ clip_id: clip.id, vote_type: 1 })]);
    expect(body.karma_history.length).toBeGreaterThan(0);
    expect(body.playlists).toEqual([expect.objectContaining({ title: "Mine", visibility: "private", clip_ids: [] })]);
    expect((await apiCall(t, "GET", "/users/me/export")).status).toBe(401);
  });
});

describe("subscriptions", () => {
  test("no paid plans: everyone is on the free tier", async () => {
    const user = await createUser(t);
    const res = await apiCall(t, "GET", "/subscriptions/me", user);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user_id: user.id, tier: "free", status: "inactive", cancel_at_period_end: false });
    expect((await apiCall(t, "GET", "/subscriptions/me")).status).toBe(401);
  });
});

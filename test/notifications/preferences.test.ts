import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { notifications } from "../../src/db/schema";
import { notifyClip, notifyComment, notifyFollowers } from "../../src/modules/notifications/producers";
import { apiCall } from "../support/api";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const prefs = (user?: TestUser) => apiCall(t, "GET", "/notifications/preferences", user);
const kinds = async (user: TestUser) =>
  (await t.deps.db.select().from(notifications).where(eq(notifications.userId, user.id))).map((n) => n.type).sort();

describe("GET/PUT /notifications/preferences", () => {
  test("defaults; the page's full echo saved and read back; reset; another user's row untouched", async () => {
    const [user, other] = [await createUser(t), await createUser(t)];
    const initial = await prefs(user);
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({
      user_id: user.id,
      in_app_enabled: true,
      email_digest: "immediate",
      notify_replies: true,
      notify_votes: false,
      notify_marketing: false,
      notify_moderation: true,
    });

    // The page sends back everything it read, user_id and updated_at included; a foreign user_id changes nothing.
    const body = { ...initial.body, user_id: other.id, notify_replies: false, email_digest: "weekly" };
    const put = await apiCall(t, "PUT", "/notifications/preferences", user, body);
    expect(put.status).toBe(200);
    expect(put.body.message).toBe("Notification preferences updated");
    expect(put.body.preferences).toMatchObject({ user_id: user.id, notify_replies: false, email_digest: "weekly" });
    await apiCall(t, "PUT", "/notifications/preferences", user, { notify_user_followed: false });
    expect((await prefs(user)).body).toMatchObject({
      notify_replies: false,
      notify_user_followed: false,
      email_digest: "weekly",
    });
    expect((await prefs(other)).body).toMatchObject({
      user_id: other.id,
      notify_replies: true,
      email_digest: "immediate",
    });

    const reset = await apiCall(t, "POST", "/notifications/preferences/reset", user);
    expect(reset.status).toBe(200);
    const { updated_at: _at, ...defaults } = initial.body;
    expect(reset.body.preferences).toMatchObject(defaults);
  });

  test("bad values are 400, anonymous 401", async () => {
    const user = await createUser(t);
    for (const body of [
      { notify_replies: "no" },
      { email_digest: "hourly" },
      { notify_moderation: false },
      { notify_everything: true },
      [],
    ]) {
      const res = await apiCall(t, "PUT", "/notifications/preferences", user, body);
      expect(res.status).toBe(400);
    }
    expect((await prefs(user)).body.notify_replies).toBe(true);
    expect((await prefs()).status).toBe(401);
    expect((await apiCall(t, "PUT", "/notifications/preferences", undefined, {})).status).toBe(401);
    expect((await apiCall(t, "POST", "/notifications/preferences/reset")).status).toBe(401);
  });
});

describe("the notification jobs honour the preferences", () => {
  async function reply(author: TestUser, replier: TestUser) {
    const clip = await createClip(t, author.id, { voteScore: 10 });
    const parent = await apiCall(t, "POST", `/clips/${clip.id}/comments`, author, { content: "parent" });
    const child = await apiCall(t, "POST", `/clips/${clip.id}/comments`, replier, {
      content: "a reply",
      parent_comment_id: parent.body.id,
    });
    await notifyComment(t.deps.db, child.body.id);
    await notifyClip(t.deps.db, clip.id);
    return clip;
  }

  test("a muted kind is not written, the others are", async () => {
    const [author, replier] = [await createUser(t), await createUser(t)];
    await apiCall(t, "PUT", "/notifications/preferences", author, { notify_replies: false });
    await apiCall(t, "POST", `/users/${author.id}/follow`, replier);
    await reply(author, replier);
    await notifyFollowers(t.deps.db, author.id);
    expect(await kinds(author)).toEqual(["new_follower", "vote_milestone"]);
  });

  test("in-app off mutes every kind but a moderator's removal", async () => {
    const [author, replier] = [await createUser(t), await createUser(t)];
    const moderator = await createUser(t, { role: "moderator" });
    await apiCall(t, "PUT", "/notifications/preferences", author, { in_app_enabled: false });
    await apiCall(t, "POST", `/users/${author.id}/follow`, replier);
    const clip = await reply(author, replier);
    await notifyFollowers(t.deps.db, author.id);
    expect(await kinds(author)).toEqual([]);

    const own = await apiCall(t, "POST", `/clips/${clip.id}/comments`, author, { content: "rude" });
    expect((await apiCall(t, "DELETE", `/comments/${own.body.id}`, moderator, { reason: "civility" })).status).toBe(
      200,
    );
    await notifyComment(t.deps.db, own.body.id);
    expect(await kinds(author)).toEqual(["content_removed"]);
  });
});

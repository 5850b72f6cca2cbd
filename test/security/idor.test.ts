import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { clipSubmissions, clips, comments, favorites, users } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

// API1 (BOLA): every owner-scoped resource refuses another signed-in user and leaves the data as it was.
let t: TestContext;
let owner: TestUser;
let intruder: TestUser;
let clipId: string;
let commentId: string;
beforeAll(async () => {
  t = await createTestContext();
  owner = await createUser(t);
  intruder = await createUser(t);
  clipId = (await createClip(t, owner.id, { title: "Owner title" })).id;
  const res = await t.request(`/api/v1/clips/${clipId}/comments`, {
    method: "POST",
    headers: owner.headers,
    body: JSON.stringify({ content: "original words" }),
  });
  commentId = (await json(res)).id;
});
afterAll(() => t.close());

const as = (user: TestUser, method: string, body?: unknown): RequestInit => ({
  method,
  headers: user.headers,
  body: body === undefined ? undefined : JSON.stringify(body),
});

describe("another user's objects", () => {
  test("comment edit and delete are 403 and the comment is unchanged", async () => {
    expect((await t.request(`/api/v1/comments/${commentId}`, as(intruder, "PUT", { content: "pwned" }))).status).toBe(
      403,
    );
    expect((await t.request(`/api/v1/comments/${commentId}`, as(intruder, "DELETE"))).status).toBe(403);
    const [row] = await t.deps.db.select().from(comments).where(eq(comments.id, commentId));
    expect(row).toMatchObject({ content: "original words", isRemoved: false });
  });

  test("clip metadata, visibility and tags are 403 for a non-submitter and the clip is unchanged", async () => {
    const attempts: [string, RequestInit][] = [
      [`/api/v1/clips/${clipId}/metadata`, as(intruder, "PUT", { title: "pwned" })],
      [`/api/v1/clips/${clipId}/visibility`, as(intruder, "PUT", { is_hidden: true })],
      [`/api/v1/clips/${clipId}/tags`, as(intruder, "POST", { tag_slugs: ["pwned"] })],
      [`/api/v1/clips/${clipId}/tags/pwned`, as(intruder, "DELETE")],
    ];
    for (const [path, init] of attempts) expect((await t.request(path, init)).status, path).toBe(403);
    const [row] = await t.deps.db.select().from(clips).where(eq(clips.id, clipId));
    expect(row).toMatchObject({ title: "Owner title", isHidden: false });
  });

  test("a profile can only be updated through /users/me; another user's id has no update route", async () => {
    const res = await t.request(`/api/v1/users/${owner.id}/profile`, as(intruder, "PUT", { display_name: "pwned" }));
    expect([404, 405]).toContain(res.status);
    const [row] = await t.deps.db.select().from(users).where(eq(users.id, owner.id));
    expect(row!.displayName).not.toBe("pwned");
  });

  test("hidden clips in /users/:id/clips are shown to their owner only", async () => {
    const hidden = await createClip(t, owner.id, { isHidden: true });
    const ids = async (user?: TestUser) => {
      const res = await t.request(`/api/v1/users/${owner.id}/clips?limit=100`, user ? { headers: user.headers } : {});
      expect(res.status).toBe(200);
      return JSON.stringify(await json(res));
    };
    expect(await ids(owner)).toContain(hidden.id);
    expect(await ids(intruder)).not.toContain(hidden.id);
    expect(await ids()).not.toContain(hidden.id);
  });
});

describe("principal-scoped lists ignore a user id in the request", () => {
  test("favorites, submissions, submission stats and search history are the caller's own", async () => {
    await t.deps.db.insert(favorites).values({ userId: owner.id, clipId });
    await t.deps.db.insert(clipSubmissions).values({
      userId: owner.id,
      twitchClipId: "OwnerSecretSlug",
      twitchClipUrl: "https://clips.twitch.tv/OwnerSecretSlug",
    });
    await t.request("/api/v1/search?q=secretowner", { headers: owner.headers });
    await t.deps.searchLog.flush();
    const spoof = `user_id=${owner.id}&userId=${owner.id}`;
    const favs = await json(await t.request(`/api/v1/favorites?${spoof}`, { headers: intruder.headers }));
    expect(JSON.stringify(favs)).not.toContain(clipId);
    for (const path of [`/api/v1/submissions?${spoof}`, `/api/v1/submissions/stats?${spoof}`]) {
      const res = await t.request(path, { headers: intruder.headers });
      expect(res.status, path).toBe(200);
      const text = JSON.stringify(await json(res));
      expect(text, path).not.toContain(owner.id);
      expect(text, path).not.toContain("OwnerSecretSlug");
    }
    const mine = await json(await t.request("/api/v1/submissions", { headers: owner.headers }));
    expect(JSON.stringify(mine)).toContain("OwnerSecretSlug");
    const history = await json(await t.request(`/api/v1/search/history?${spoof}`, { headers: intruder.headers }));
    expect(JSON.stringify(history)).not.toContain("secretowner");
    const own = await json(await t.request("/api/v1/search/history", { headers: owner.headers }));
    expect(JSON.stringify(own)).toContain("secretowner");
  });

  test("report administration is for moderators only", async () => {
    const report = await t.request(
      "/api/v1/reports",
      as(intruder, "POST", { reportable_type: "clip", reportable_id: clipId, reason: "spam" }),
    );
    expect(report.status).toBe(201);
    expect((await t.request("/api/v1/admin/reports", { headers: owner.headers })).status).toBe(403);
    expect((await t.request("/api/v1/admin/reports")).status).toBe(401);
    const mod = await createUser(t, { role: "moderator" });
    expect((await t.request("/api/v1/admin/reports", { headers: mod.headers })).status).toBe(200);
  });
});

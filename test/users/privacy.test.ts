import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { apiCall } from "../support/api";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let admin: TestUser;
let moderator: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  admin = await createUser(t, { role: "admin" });
  moderator = await createUser(t, { role: "moderator" });
});
afterAll(() => t.close());

const settings = (user: TestUser, body: object) => apiCall(t, "PUT", "/users/me/settings", user, body);
const TABS = [
  "clips",
  "activity",
  "followers",
  "following",
  "comments",
  "upvoted",
  "downvoted",
  "badges",
  "reputation",
];

async function profileOwner(body: object) {
  const owner = await createUser(t, { karma: 4321 });
  await createClip(t, owner.id);
  await apiCall(t, "PUT", "/users/me/profile", owner, { display_name: "Owner", bio: "my bio" });
  await settings(owner, body);
  return owner;
}

/** The profile as `viewer` reads it through every profile read of the client. */
async function reads(owner: TestUser, viewer?: TestUser) {
  const full = await apiCall(t, "GET", `/users/by-username/${owner.username}?full=true`, viewer);
  const doubled = await apiCall(t, "GET", `/api/v1/users/by-username/${owner.username}?full=true`, viewer);
  const short = await apiCall(t, "GET", `/users/by-username/${owner.username}`, viewer);
  const byId = await apiCall(t, "GET", `/users/${owner.id}`, viewer);
  for (const res of [full, doubled, short, byId]) expect(res.status).toBe(200);
  expect(doubled.body).toEqual(full.body);
  expect(byId.body).toEqual(full.body);
  const tabs = await Promise.all(TABS.map((tab) => apiCall(t, "GET", `/users/${owner.id}/${tab}`, viewer)));
  return { full: full.body.data, short: short.body.data, tabs: tabs.map((r) => r.status) };
}

const allOk = TABS.map(() => 200);
const allForbidden = TABS.map(() => 403);

describe("profile_visibility", () => {
  test("private: others and anonymous see who it is, not the profile; owner, moderator and admin see all", async () => {
    const owner = await profileOwner({ profile_visibility: "private" });
    const other = await createUser(t);
    for (const viewer of [owner, moderator, admin]) {
      const seen = await reads(owner, viewer);
      expect(seen.full).toMatchObject({ bio: "my bio", karma_points: 4321, is_private: false });
      expect(seen.full.stats.clips_submitted).toBe(1);
      expect(seen.tabs).toEqual(allOk);
    }
    for (const viewer of [other, undefined]) {
      const seen = await reads(owner, viewer);
      expect(seen.full).toMatchObject({
        id: owner.id,
        username: owner.username,
        display_name: "Owner",
        bio: null,
        karma_points: null,
        is_private: true,
        is_following: false,
      });
      expect(seen.full.stats.clips_submitted).toBeNull();
      expect(seen.full.email).toBeUndefined();
      expect(seen.short).toMatchObject({ username: owner.username, bio: null, karma_points: null });
      expect(seen.tabs).toEqual(allForbidden);
    }
    const forbidden = await apiCall(t, "GET", `/users/${owner.id}/clips`, other);
    expect(forbidden.body).toMatchObject({ code: "FORBIDDEN", error: "This profile is private" });
    expect((await apiCall(t, "GET", `/users/${owner.id}/karma`, other)).status).toBe(403);
  });

  test("followers: a follower sees the profile; another user can follow from the restricted one and then sees it", async () => {
    const owner = await profileOwner({});
    const [follower, other] = [await createUser(t), await createUser(t)];
    await apiCall(t, "POST", `/users/${owner.id}/follow`, follower);
    await settings(owner, { profile_visibility: "followers" });

    expect((await reads(owner, follower)).tabs).toEqual(allOk);
    const before = await reads(owner, other);
    expect(before.full.is_private).toBe(true);
    expect(before.tabs).toEqual(allForbidden);
    expect((await reads(owner)).tabs).toEqual(allForbidden);

    expect((await apiCall(t, "POST", `/users/${owner.id}/follow`, other)).status).toBe(200);
    const after = await reads(owner, other);
    expect(after.full).toMatchObject({ is_private: false, bio: "my bio", is_following: true });
    expect(after.tabs).toEqual(allOk);
  });

  test("back to public opens everything again", async () => {
    const owner = await profileOwner({ profile_visibility: "private" });
    await settings(owner, { profile_visibility: "public" });
    const seen = await reads(owner);
    expect(seen.full).toMatchObject({ is_private: false, karma_points: 4321 });
    expect(seen.tabs).toEqual(allOk);
  });
});

describe("show_karma_publicly", () => {
  test("false hides karma from others on every read; the owner and admins still see it", async () => {
    const owner = await profileOwner({ show_karma_publicly: false });
    const [other, fan] = [await createUser(t), await createUser(t)];
    await apiCall(t, "POST", `/users/${owner.id}/follow`, fan);

    for (const viewer of [other, undefined]) {
      const seen = await reads(owner, viewer);
      expect(seen.full).toMatchObject({ bio: "my bio", karma_points: null, is_private: false });
      expect(seen.short.karma_points).toBeNull();
      expect(seen.tabs).toEqual(allOk);
      expect((await apiCall(t, "GET", `/users/${owner.id}/karma`, viewer)).status).toBe(403);
      const reputation = await apiCall(t, "GET", `/users/${owner.id}/reputation`, viewer);
      expect(reputation.body).toMatchObject({ karma_points: null, rank: null });
      const comments = await apiCall(t, "GET", `/users/${owner.id}/comments`, viewer);
      expect(comments.status).toBe(200);
      const following = await apiCall(t, "GET", `/users/${fan.id}/following`, viewer);
      expect(following.body.data).toEqual([expect.objectContaining({ id: owner.id, karma_points: null })]);
    }
    for (const viewer of [owner, admin]) {
      expect((await reads(owner, viewer)).full.karma_points).toBe(4321);
      expect((await apiCall(t, "GET", `/users/${owner.id}/karma`, viewer)).status).toBe(200);
      const following = await apiCall(t, "GET", `/users/${fan.id}/following`, viewer);
      expect(following.body.data[0].karma_points).toBe(4321);
    }
  });
});

describe("leaderboards", () => {
  test("only public profiles are listed; hidden karma is off the karma board and has no rank on the other", async () => {
    const [open, hider, hidden] = [
      await createUser(t, { karma: 900_000 }),
      await createUser(t, { karma: 800_000 }),
      await createUser(t, { karma: 700_000 }),
    ];
    await settings(hider, { show_karma_publicly: false });
    await settings(hidden, { profile_visibility: "private" });
    for (const user of [open, hider, hidden]) await createClip(t, user.id);
    // A limit of its own, so no cached page from another test answers.
    const limit = 60 + Math.floor(Math.random() * 40);
    const board = async (type: string) =>
      (await apiCall(t, "GET", `/leaderboards/${type}?limit=${limit}`)).body.entries as {
        user_id: string;
        user_rank: string | null;
      }[];
    const karma = (await board("karma")).map((e) => e.user_id);
    expect(karma).toContain(open.id);
    expect(karma).not.toContain(hider.id);
    expect(karma).not.toContain(hidden.id);

    const engagement = await board("engagement");
    const byId = new Map(engagement.map((e) => [e.user_id, e]));
    expect(byId.get(open.id)?.user_rank).toEqual(expect.any(String));
    expect(byId.get(hider.id)).toMatchObject({ user_rank: null });
    expect(byId.has(hidden.id)).toBe(false);
  });
});

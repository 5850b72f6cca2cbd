import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client";
import { accountDeletions, clips, comments, refreshTokens, users } from "../../src/db/schema";
import { startAccountDeletions } from "../../src/jobs/account-deletion";
import { runDueDeletions } from "../../src/modules/account/deletion";
import { eventually } from "../search-opensearch/support";
import { apiCall } from "../support/api";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { silentLogger } from "../support/jobs";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  // A grace period of none, and no timer: the tests run the job themselves.
  t = await createTestContext({ ACCOUNT_DELETION_GRACE_DAYS: "0", ACCOUNT_DELETION_INTERVAL_MINUTES: "0" });
});
afterAll(() => t.close());

const CONFIRM = { confirmation: "DELETE MY ACCOUNT" };
const status = async (user: TestUser) => (await apiCall(t, "GET", "/users/me/delete/status", user)).body;
const userRow = async (id: string) => (await t.deps.db.select().from(users).where(eq(users.id, id)))[0]!;
const rowsOf = (table: string, userId: string) =>
  queryRows<{ n: number }>(
    t.deps.db,
    sql`select count(*)::int as n from ${sql.identifier(table)} where user_id = ${userId}`,
  );

describe("account deletion: request, grace period, cancel", () => {
  test("the request needs the typed confirmation; status, a second request, cancel and cancel again", async () => {
    const user = await createUser(t);
    expect(await status(user)).toEqual({ pending: false });
    expect((await apiCall(t, "POST", "/users/me/delete", user, {})).status).toBe(400);
    expect((await apiCall(t, "POST", "/users/me/delete", user, { confirmation: "delete" })).status).toBe(400);
    const long = { ...CONFIRM, reason: "x".repeat(1001) };
    expect((await apiCall(t, "POST", "/users/me/delete", user, long)).status).toBe(400);

    const requested = await apiCall(t, "POST", "/users/me/delete", user, { ...CONFIRM, reason: "moving on" });
    expect(requested.status).toBe(200);
    expect(requested.body.message).toBe("Account deletion scheduled");
    expect(await status(user)).toMatchObject({ pending: true, scheduled_for: requested.body.scheduled_for });
    expect((await apiCall(t, "POST", "/users/me/delete", user, CONFIRM)).status).toBe(409);

    expect((await apiCall(t, "POST", "/users/me/delete/cancel", user)).status).toBe(200);
    expect(await status(user)).toEqual({ pending: false });
    expect((await apiCall(t, "POST", "/users/me/delete/cancel", user)).status).toBe(404);
    // Cancelled in time: the job finds nothing of it, and the account is as it was.
    await runDueDeletions(t.deps.db);
    expect((await userRow(user.id)).username).toBe(user.username);
  });

  test("one user's request is not another's: status and cancel are per account", async () => {
    const [owner, other] = [await createUser(t), await createUser(t)];
    await apiCall(t, "POST", "/users/me/delete", owner, CONFIRM);
    expect(await status(other)).toEqual({ pending: false });
    expect((await apiCall(t, "POST", "/users/me/delete/cancel", other)).status).toBe(404);
    expect((await status(owner)).pending).toBe(true);
    await apiCall(t, "POST", "/users/me/delete/cancel", owner);
  });

  test("anonymous callers get 401", async () => {
    for (const [method, path] of [
      ["GET", "/users/me/delete/status"],
      ["POST", "/users/me/delete"],
      ["POST", "/users/me/delete/cancel"],
    ] as const) {
      expect((await apiCall(t, method, path)).status).toBe(401);
    }
  });
});

describe("the deletion job", () => {
  test("anonymises the account, deletes personal data, keeps content, counters and karma consistent", async () => {
    const [leaving, followed, follower, submitter] = await Promise.all([
      createUser(t),
      createUser(t),
      createUser(t),
      createUser(t),
    ]);
    const clip = await createClip(t, submitter.id);
    await apiCall(t, "POST", `/users/${followed.id}/follow`, leaving);
    await apiCall(t, "POST", `/users/${leaving.id}/follow`, follower);
    await apiCall(t, "POST", `/clips/${clip.id}/favorite`, leaving);
    await apiCall(t, "POST", `/clips/${clip.id}/vote`, leaving, { vote: 1 });
    const commented = await apiCall(t, "POST", `/clips/${clip.id}/comments`, leaving, { content: "my words" });
    await apiCall(t, "POST", "/queue", leaving, { clip_id: clip.id });
    await apiCall(t, "POST", "/watch-history", leaving, {
      clip_id: clip.id,
      progress_seconds: 3,
      duration_seconds: 30,
    });
    await apiCall(t, "PUT", "/users/me/settings", leaving, { profile_visibility: "private" });
    await apiCall(t, "PUT", "/notifications/preferences", leaving, { notify_replies: false });
    await t.deps.db.insert(refreshTokens).values({
      userId: leaving.id,
      tokenHash: randomUUID().replaceAll("-", ""),
      familyId: randomUUID(),
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const before = {
      clip: (await t.deps.db.select().from(clips).where(eq(clips.id, clip.id)))[0]!,
      submitter: await userRow(submitter.id),
      leaving: await userRow(leaving.id),
    };
    expect(before.clip.favoriteCount).toBe(1);

    await apiCall(t, "POST", "/users/me/delete", leaving, CONFIRM);
    // Not yet due: another account's request further out is left alone.
    const waiting = await createUser(t);
    await t.deps.db
      .insert(accountDeletions)
      .values({ userId: waiting.id, scheduledFor: new Date(Date.now() + 86_400_000) });
    expect(await runDueDeletions(t.deps.db)).toBe(1);
    expect(await runDueDeletions(t.deps.db)).toBe(0);

    const gone = await userRow(leaving.id);
    expect(gone).toMatchObject({
      username: `deleted_${leaving.id.replaceAll("-", "")}`,
      displayName: "[deleted]",
      email: null,
      twitchId: null,
      bio: null,
      followerCount: 0,
      followingCount: 0,
      karmaPoints: before.leaving.karmaPoints,
    });
    for (const table of [
      "refresh_tokens",
      "user_settings",
      "notification_preferences",
      "watch_history",
      "watch_queue",
      "favorites",
      "notifications",
    ]) {
      expect((await rowsOf(table, leaving.id))[0]!.n).toBe(0);
    }
    expect((await userRow(followed.id)).followerCount).toBe(0);
    expect((await userRow(follower.id)).followingCount).toBe(0);

    const after = (await t.deps.db.select().from(clips).where(eq(clips.id, clip.id)))[0]!;
    expect(after).toMatchObject({ favoriteCount: 0, voteScore: before.clip.voteScore, commentCount: 1 });
    expect((await userRow(submitter.id)).karmaPoints).toBe(before.submitter.karmaPoints);
    const [kept] = await t.deps.db.select().from(comments).where(eq(comments.id, commented.body.id));
    expect(kept).toMatchObject({ userId: leaving.id, content: "my words" });

    expect(await status(leaving)).toEqual({ pending: false });
    expect((await apiCall(t, "POST", "/users/me/delete/cancel", leaving)).status).toBe(404);
    expect((await userRow(waiting.id)).username).toBe(waiting.username);
  });

  test("the user's playlists go, and the likes and bookmarks they gave leave others' counters exact", async () => {
    const [leaving, other] = [await createUser(t), await createUser(t)];
    const playlist = async (owner: TestUser, visibility: string) =>
      (await apiCall(t, "POST", "/playlists", owner, { title: "Picks", visibility })).body.data.id as string;
    const own = [await playlist(leaving, "public"), await playlist(leaving, "private")];
    const theirs = await playlist(other, "public");
    for (const kind of ["like", "bookmark"]) {
      expect((await apiCall(t, "POST", `/playlists/${theirs}/${kind}`, leaving)).status).toBe(200);
      expect((await apiCall(t, "POST", `/playlists/${own[0]}/${kind}`, other)).status).toBe(200);
    }
    await apiCall(t, "POST", "/users/me/delete", leaving, CONFIRM);
    expect(await runDueDeletions(t.deps.db)).toBe(1);

    for (const id of own) expect((await apiCall(t, "GET", `/playlists/${id}`, other)).status).toBe(404);
    const kept = (await apiCall(t, "GET", `/playlists/${theirs}`, other)).body.data;
    expect(kept).toMatchObject({ like_count: 0, bookmark_count: 0 });
    for (const table of ["playlists", "playlist_likes", "playlist_bookmarks"]) {
      expect(await rowsOf(table, leaving.id)).toEqual([{ n: 0 }]);
    }
  });

  test("the scheduler runs it without being asked", async () => {
    const user = await createUser(t);
    await apiCall(t, "POST", "/users/me/delete", user, CONFIRM);
    const job = startAccountDeletions({ db: t.deps.db, logger: silentLogger, intervalMs: 50, firstRunMs: 0 });
    try {
      await eventually(async () => expect((await userRow(user.id)).displayName).toBe("[deleted]"), 20_000);
    } finally {
      await job.stop();
    }
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Worker } from "bullmq";
import { eq } from "drizzle-orm";
import { clips, notifications } from "../../src/db/schema";
import { startOutboxRelay } from "../../src/jobs/outbox-relay";
import { createProcessors } from "../../src/jobs/processors";
import { notifyClip, notifyComment } from "../../src/modules/notifications/producers";
import { connectRedis } from "../../src/platform/redis";
import { closeWorkers, startWorkers } from "../../workers/start-workers";
import { eventually } from "../search-opensearch/support";
import { GAME, submit, twitchClip } from "../submissions/support";
import { apiCall } from "../support/api";
import type { TestContext } from "../support/app";
import { createTestContext } from "../support/app";
import { createClip } from "../support/clips";
import { type FakeTwitch, startFakeTwitch } from "../support/fake-twitch";
import { silentLogger } from "../support/jobs";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let fake: FakeTwitch;
let moderator: TestUser;
const stops: (() => Promise<void>)[] = [];
const bullmq = Boolean(process.env.TEST_REDIS_URL && process.env.TEST_DATABASE_URL);

/** With real services the API only produces: run what workers/main.ts runs, on a Redis database of this file's own. */
async function startWorkerSide(redisUrl: string) {
  const connection = await connectRedis(redisUrl, "worker", silentLogger);
  const workers: Worker[] = startWorkers({
    connection,
    processors: createProcessors(t.deps),
    logger: t.deps.logger,
    queues: ["notifications"],
  });
  const relay = startOutboxRelay({ db: t.deps.db, jobs: t.deps.jobs, logger: t.deps.logger, ...t.deps.config.outbox });
  stops.push(
    () => relay.stop(),
    () => closeWorkers(workers),
    async () => connection.disconnect(),
  );
}

beforeAll(async () => {
  fake = startFakeTwitch();
  fake.games.set(GAME.id, GAME);
  const env: Record<string, string> = { ...fake.env };
  if (bullmq) {
    const url = new URL(process.env.TEST_REDIS_URL!);
    url.pathname = "/13";
    env.REDIS_URL = url.toString();
  }
  t = await createTestContext(env);
  if (bullmq) await startWorkerSide(env.REDIS_URL!);
  moderator = await createUser(t, { role: "moderator" });
});
afterAll(async () => {
  for (const stop of stops) await stop();
  await t.close();
  await fake.stop();
});

const list = (user: TestUser, query = "") => apiCall(t, "GET", `/notifications${query}`, user);

/** Waits for the outbox relay and the notification job: the request itself writes none. */
async function notificationsOf(user: TestUser, n: number) {
  return eventually(async () => {
    const { body } = await list(user);
    expect(body.notifications.length).toBe(n);
    return body;
  }, 20_000);
}

async function comment(user: TestUser, clipId: string, content: string, parentId?: string) {
  const res = await apiCall(t, "POST", `/clips/${clipId}/comments`, user, { content, parent_comment_id: parentId });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe("notifications produced by the worker", () => {
  test("a reply notifies the parent's author once, not the replier; the list, count and read flow", async () => {
    const [author, replier] = [await createUser(t), await createUser(t)];
    const clip = await createClip(t, null);
    const parent = await comment(author, clip.id, "first!");
    const reply = await comment(replier, clip.id, "a reply worth reading", parent);
    await comment(author, clip.id, "replying to myself", parent);

    const body = await notificationsOf(author, 1);
    expect(body).toMatchObject({ unread_count: 1, page: 1, limit: 50, has_more: false });
    expect(body.notifications[0]).toMatchObject({
      user_id: author.id,
      type: "reply",
      message: "a reply worth reading",
      is_read: false,
      link: `/clip/${clip.id}`,
      source_user_id: replier.id,
      source_username: replier.username,
      source_content_id: reply,
      source_content_type: "comment",
    });
    expect((await list(replier)).body.notifications).toEqual([]);

    // The job running again (a retry, a duplicate relay) adds nothing.
    await notifyComment(t.deps.db, reply);
    expect((await apiCall(t, "GET", "/notifications/count", author)).body).toEqual({ unread_count: 1 });

    const id = body.notifications[0].id;
    expect((await apiCall(t, "PUT", `/notifications/${id}/read`, author)).status).toBe(200);
    expect((await apiCall(t, "GET", "/notifications/count", author)).body).toEqual({ unread_count: 0 });
    expect((await list(author, "?filter=unread")).body.notifications).toEqual([]);
    expect((await list(author, "?filter=read")).body.notifications.map((n: { id: string }) => n.id)).toEqual([id]);
  }, 30_000);

  test("a moderator's removal tells the author and withdraws the reply; the author's own delete does not", async () => {
    const [author, replier] = [await createUser(t), await createUser(t)];
    const clip = await createClip(t, null);
    const parent = await comment(author, clip.id, "parent");
    const reply = await comment(replier, clip.id, "rude words", parent);
    await notificationsOf(author, 1);
    const removed = await apiCall(t, "DELETE", `/comments/${reply}`, moderator, { reason: "civility" });
    expect(removed.status).toBe(200);
    await notificationsOf(author, 0);
    const [note] = (await notificationsOf(replier, 1)).notifications;
    expect(note).toMatchObject({ type: "content_removed", title: "Your comment was removed" });
    expect(note.message).toContain("civility");

    const own = await comment(author, clip.id, "oops");
    expect((await apiCall(t, "DELETE", `/comments/${own}`, author)).status).toBe(200);
    await notifyComment(t.deps.db, own);
    expect((await list(author)).body.notifications).toEqual([]);
  }, 30_000);

  test("a vote landing on a milestone tells the submitter, once per milestone", async () => {
    const submitter = await createUser(t);
    const clip = await createClip(t, submitter.id, { voteScore: 9, upvoteCount: 9 });
    const voter = await createUser(t);
    expect((await apiCall(t, "POST", `/clips/${clip.id}/vote`, voter, { vote: 1 })).status).toBe(200);
    const [note] = (await notificationsOf(submitter, 1)).notifications;
    expect(note).toMatchObject({
      type: "vote_milestone",
      title: "Your clip reached 10 points",
      link: `/clip/${clip.id}`,
    });
    await notifyClip(t.deps.db, clip.id);
    expect((await list(submitter)).body.notifications.length).toBe(1);
  }, 30_000);

  test("a moderator removing a clip tells its submitter", async () => {
    const submitter = await createUser(t);
    const clip = await createClip(t, submitter.id);
    const res = await apiCall(t, "PUT", `/clips/${clip.id}`, moderator, { is_removed: true, removed_reason: "dmca" });
    expect(res.status).toBe(200);
    const [note] = (await notificationsOf(submitter, 1)).notifications;
    expect(note).toMatchObject({ type: "content_removed", title: "Your clip was removed" });
    expect(note.message).toContain("dmca");
  }, 30_000);

  test("approval and rejection of a submission tell the submitter", async () => {
    const submitter = await createUser(t);
    const first = await submit(t, submitter, { clip_url: twitchClip(fake).id });
    const second = await submit(t, submitter, { clip_url: twitchClip(fake).id });
    const [a, r] = [first.body.submission.id, second.body.submission.id];
    expect((await apiCall(t, "POST", `/admin/submissions/${a}/approve`, moderator)).status).toBe(200);
    const rejected = await apiCall(t, "POST", `/admin/submissions/${r}/reject`, moderator, { reason: "low quality" });
    expect(rejected.status).toBe(200);
    const body = await notificationsOf(submitter, 2);
    const byType = Object.fromEntries(body.notifications.map((n: { type: string }) => [n.type, n]));
    const [clip] = await t.deps.db
      .select({ id: clips.id })
      .from(clips)
      .where(eq(clips.twitchClipId, first.body.submission.twitch_clip_id));
    expect(byType.submission_approved).toMatchObject({ link: `/clip/${clip!.id}`, source_user_id: moderator.id });
    expect(byType.submission_rejected.message).toContain("low quality");
  }, 30_000);

  test("a new follower is announced once, even after an unfollow and a follow again", async () => {
    const [followed, follower] = [await createUser(t), await createUser(t)];
    const follow = (method: string) => apiCall(t, method, `/users/${followed.id}/follow`, follower);
    expect((await follow("POST")).status).toBe(200);
    const [note] = (await notificationsOf(followed, 1)).notifications;
    expect(note).toMatchObject({
      type: "new_follower",
      source_user_id: follower.id,
      link: `/user/${follower.username}`,
    });
    await follow("DELETE");
    await follow("POST");
    await Bun.sleep(1500);
    expect((await list(followed)).body.notifications.length).toBe(1);
  }, 30_000);
});

describe("each user reads and changes only their own", () => {
  test("another user's notification is a 404 to read, delete or list; mark all read and delete own", async () => {
    const [owner, other] = [await createUser(t), await createUser(t)];
    const [row] = await t.deps.db
      .insert(notifications)
      .values({ userId: owner.id, type: "reply", title: "t", message: "m", dedupeKey: "test:1" })
      .returning();
    expect((await apiCall(t, "PUT", `/notifications/${row!.id}/read`, other)).status).toBe(404);
    expect((await apiCall(t, "DELETE", `/notifications/${row!.id}`, other)).status).toBe(404);
    expect((await list(other)).body.notifications).toEqual([]);
    expect((await apiCall(t, "GET", "/notifications/count", owner)).body).toEqual({ unread_count: 1 });

    expect((await apiCall(t, "PUT", "/notifications/read-all", other)).body.updated).toBe(0);
    expect((await apiCall(t, "PUT", "/notifications/read-all", owner)).body.updated).toBe(1);
    expect((await apiCall(t, "GET", "/notifications/count", owner)).body).toEqual({ unread_count: 0 });
    expect((await apiCall(t, "DELETE", `/notifications/${row!.id}`, owner)).status).toBe(200);
    expect((await list(owner)).body.notifications).toEqual([]);
  });

  test("pages, bad input and anonymous callers", async () => {
    const owner = await createUser(t);
    await t.deps.db.insert(notifications).values(
      Array.from({ length: 3 }, (_, i) => ({
        userId: owner.id,
        type: "reply" as const,
        title: `n${i}`,
        message: "m",
        dedupeKey: `page:${i}`,
        createdAt: new Date(Date.now() - i * 1000),
      })),
    );
    const first = await list(owner, "?page=1&limit=2");
    expect(first.body).toMatchObject({ page: 1, limit: 2, has_more: true, unread_count: 3 });
    expect(first.body.notifications.map((n: { title: string }) => n.title)).toEqual(["n0", "n1"]);
    const second = await list(owner, "?page=2&limit=2");
    expect(second.body).toMatchObject({ has_more: false });
    expect(second.body.notifications.map((n: { title: string }) => n.title)).toEqual(["n2"]);

    expect((await list(owner, "?filter=bogus")).status).toBe(400);
    expect((await apiCall(t, "PUT", "/notifications/not-a-uuid/read", owner)).status).toBe(400);
    expect((await apiCall(t, "GET", "/notifications")).status).toBe(401);
    expect((await apiCall(t, "PUT", "/notifications/read-all")).status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { apiCall } from "../support/api";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const record = (user: TestUser, clipId: string, progress: number, duration = 30) =>
  apiCall(t, "POST", "/watch-history", user, {
    clip_id: clipId,
    progress_seconds: progress,
    duration_seconds: duration,
    session_id: "session_1",
  });

describe("watch history", () => {
  test("progress is stored once per clip, newest first, with filters and the resume position", async () => {
    const user = await createUser(t);
    const [a, b] = [await createClip(t, null), await createClip(t, null)];
    const first = await record(user, a.id, 10);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: "recorded", completed: false, progress_percent: 33.3 });
    expect((await record(user, b.id, 29)).body.completed).toBe(true);
    await record(user, a.id, 12);

    const all = await apiCall(t, "GET", "/watch-history", user);
    expect(all.body.total).toBe(2);
    expect(all.body.history.map((h: { clip_id: string }) => h.clip_id)).toEqual([a.id, b.id]);
    expect(all.body.history[0]).toMatchObject({
      user_id: user.id,
      progress_seconds: 12,
      duration_seconds: 30,
      progress_percent: 40,
      completed: false,
      session_id: "session_1",
      clip: { id: a.id, title: a.title },
    });
    const completed = await apiCall(t, "GET", "/watch-history?filter=completed", user);
    expect(completed.body.history.map((h: { clip_id: string }) => h.clip_id)).toEqual([b.id]);
    const inProgress = await apiCall(t, "GET", "/watch-history?filter=in-progress&limit=1", user);
    expect(inProgress.body).toMatchObject({ total: 1, history: [{ clip_id: a.id }] });

    const resume = await apiCall(t, "GET", `/clips/${a.id}/progress`, user);
    expect(resume.body).toEqual({ has_progress: true, progress_seconds: 12, completed: false });
    expect((await apiCall(t, "GET", `/clips/${a.id}/progress`)).body).toEqual({
      has_progress: false,
      progress_seconds: 0,
      completed: false,
    });

    expect((await apiCall(t, "DELETE", "/watch-history", user)).body).toEqual({ status: "cleared", deleted: 2 });
    expect((await apiCall(t, "GET", "/watch-history", user)).body).toEqual({ history: [], total: 0 });
  });

  test("each user sees only their own history", async () => {
    const [owner, other] = [await createUser(t), await createUser(t)];
    const clip = await createClip(t, null);
    await record(owner, clip.id, 5);
    expect((await apiCall(t, "GET", "/watch-history", other)).body).toEqual({ history: [], total: 0 });
    expect((await apiCall(t, "GET", `/clips/${clip.id}/progress`, other)).body.has_progress).toBe(false);
    expect((await apiCall(t, "DELETE", "/watch-history", other)).body.deleted).toBe(0);
    expect((await apiCall(t, "GET", "/watch-history", owner)).body.total).toBe(1);
  });

  test("bad input 400, an unknown or removed clip 404, progress past the end is capped, anonymous 401", async () => {
    const user = await createUser(t);
    const clip = await createClip(t, null);
    for (const body of [
      {},
      { clip_id: clip.id, progress_seconds: -1, duration_seconds: 30 },
      { clip_id: clip.id, progress_seconds: 1, duration_seconds: 0 },
      { clip_id: clip.id, progress_seconds: 1.5, duration_seconds: 30 },
      { clip_id: clip.id, progress_seconds: 1, duration_seconds: 30, session_id: "x".repeat(101) },
    ]) {
      expect((await apiCall(t, "POST", "/watch-history", user, body)).status).toBe(400);
    }
    expect((await record(user, crypto.randomUUID(), 1)).status).toBe(404);
    expect((await record(user, (await createClip(t, null, { isRemoved: true })).id, 1)).status).toBe(404);
    expect((await record(user, clip.id, 500)).body).toEqual({
      status: "recorded",
      completed: true,
      progress_percent: 100,
    });
    expect((await apiCall(t, "GET", "/watch-history?filter=nope", user)).status).toBe(400);
    expect((await apiCall(t, "GET", "/clips/not-a-uuid/progress", user)).status).toBe(400);
    expect((await apiCall(t, "GET", "/watch-history")).status).toBe(401);
    expect((await apiCall(t, "POST", "/watch-history")).status).toBe(401);
  });
});

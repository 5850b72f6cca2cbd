import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { auditLog, clipSubmissions, clips } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { type FakeTwitch, startFakeTwitch } from "../support/fake-twitch";
import { createUser, type TestUser } from "../support/users";
import { GAME, karmaOf, send, submit, twitchClip } from "./support";

let t: TestContext;
let fake: FakeTwitch;
let moderator: TestUser;
let user: TestUser;
beforeAll(async () => {
  fake = startFakeTwitch();
  fake.games.set(GAME.id, GAME);
  t = await createTestContext(fake.env);
  moderator = await createUser(t, { role: "moderator" });
  user = await createUser(t);
});
afterAll(async () => {
  await t.close();
  await fake.stop();
});

/** A pending submission from a fresh user (so no test hits the per-user limit). */
async function pending(overrides: Parameters<typeof twitchClip>[1] = {}, body: Record<string, unknown> = {}) {
  const submitter = await createUser(t);
  const res = await submit(t, submitter, { clip_url: twitchClip(fake, overrides).id, ...body });
  expect(res.body.submission.status).toBe("pending");
  return { submitter, id: res.body.submission.id as string, slug: res.body.submission.twitch_clip_id as string };
}
const audits = (id: string, action: string) =>
  t.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, id), eq(auditLog.action, action)));
const statusOf = async (id: string) =>
  (await t.deps.db.select().from(clipSubmissions).where(eq(clipSubmissions.id, id)))[0]!;

describe("GET /admin/submissions", () => {
  test("the pending queue with the submitter, filters and meta", async () => {
    const broadcaster = `caster_${randomUUID().slice(0, 8)}`;
    const a = await pending({ broadcaster_name: broadcaster }, { tags: ["speedrun", "wr"], is_nsfw: true });
    await pending({ broadcaster_name: broadcaster });
    const res = await send(t, "GET", `/admin/submissions?broadcaster=${broadcaster}&limit=1`, moderator);
    expect(res.status).toBe(200);
    expect(res.body.meta).toMatchObject({ page: 1, limit: 1, total: 2, total_pages: 2 });
    expect(res.body.data[0]).toMatchObject({ id: a.id, status: "pending", user: { id: a.submitter.id, role: "user" } });
    expect(res.body.data[0].user).toMatchObject({ username: a.submitter.username, karma_points: 100 });

    const tagged = await send(
      t,
      "GET",
      `/admin/submissions?broadcaster=${broadcaster}&tags[]=wr&tags[]=speedrun`,
      moderator,
    );
    expect(tagged.body.data.map((s: { id: string }) => s.id)).toEqual([a.id]);
    const nsfw = await send(t, "GET", `/admin/submissions?broadcaster=${broadcaster}&is_nsfw=false`, moderator);
    expect(nsfw.body.meta.total).toBe(1);
    const future = await send(
      t,
      "GET",
      `/admin/submissions?broadcaster=${broadcaster}&start_date=2100-12-31`,
      moderator,
    );
    expect(future.body).toMatchObject({ success: true, data: [], meta: { total: 0 } });
    expect((await send(t, "GET", "/admin/submissions?start_date=notadate", moderator)).status).toBe(400);
  });

  test("rejection reasons; 401 anonymous and 403 for users on every admin route", async () => {
    const reasons = await send(t, "GET", "/admin/submissions/rejection-reasons", moderator);
    expect(reasons.status).toBe(200);
    expect(reasons.body.data.length).toBeGreaterThan(0);
    const id = randomUUID();
    const routes: [string, string, unknown?][] = [
      ["GET", "/admin/submissions"],
      ["GET", "/admin/submissions/rejection-reasons"],
      ["POST", `/admin/submissions/${id}/approve`],
      ["POST", `/admin/submissions/${id}/reject`, { reason: "x" }],
      ["POST", "/admin/submissions/bulk-approve", { submission_ids: [id] }],
      ["POST", "/admin/submissions/bulk-reject", { submission_ids: [id], reason: "x" }],
    ];
    for (const [method, path, body] of routes) {
      expect((await send(t, method, path, undefined, body)).status).toBe(401);
      const forbidden = await send(t, method, path, user, body);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.code).toBe("FORBIDDEN");
    }
  });
});

describe("approve / reject", () => {
  test("approving creates the clip, pays +10 karma and audits; a second review is a 409", async () => {
    const s = await pending({}, { tags: ["approved-tag"] });
    const before = await karmaOf(t, s.submitter.id);
    // Bodiless, as the SPA sends it.
    const res = await t.request(`/api/v1/admin/submissions/${s.id}/approve`, {
      method: "POST",
      headers: { authorization: `Bearer ${moderator.token}` },
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ success: true, message: "Submission approved" });
    const row = await statusOf(s.id);
    expect(row).toMatchObject({ status: "approved", reviewedBy: moderator.id });
    const [clip] = await t.deps.db.select().from(clips).where(eq(clips.twitchClipId, s.slug));
    expect(clip).toMatchObject({ id: row.clipId!, submittedByUserId: s.submitter.id });
    expect((await send(t, "GET", `/clips/${s.slug}`, undefined)).status).toBe(200);
    expect(await karmaOf(t, s.submitter.id)).toEqual({ points: before.points + 10, ledger: before.points + 10 });
    expect((await audits(s.id, "submission.approve")).length).toBe(1);

    const again = await send(t, "POST", `/admin/submissions/${s.id}/approve`, moderator);
    expect(again.status).toBe(409);
    expect((await send(t, "POST", `/admin/submissions/${s.id}/reject`, moderator, { reason: "late" })).status).toBe(
      409,
    );
  });

  test("rejecting needs a reason, docks 5 karma and audits", async () => {
    const s = await pending();
    for (const body of [undefined, {}, { reason: "   " }]) {
      const res = await send(t, "POST", `/admin/submissions/${s.id}/reject`, moderator, body);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe("Rejection reason is required");
    }
    const before = await karmaOf(t, s.submitter.id);
    const res = await send(t, "POST", `/admin/submissions/${s.id}/reject`, moderator, { reason: "Low quality" });
    expect(res).toEqual({ status: 200, body: { success: true, message: "Submission rejected" } });
    expect(await statusOf(s.id)).toMatchObject({ status: "rejected", rejectionReason: "Low quality", clipId: null });
    expect(await karmaOf(t, s.submitter.id)).toEqual({ points: before.points - 5, ledger: before.points - 5 });
    const [audit] = await audits(s.id, "submission.reject");
    expect(audit).toMatchObject({ actorId: moderator.id, reason: "Low quality" });
  });

  test("400 for a non-UUID id, 404 for an unknown one", async () => {
    expect((await send(t, "POST", "/admin/submissions/nope/approve", moderator)).status).toBe(400);
    expect((await send(t, "POST", `/admin/submissions/${randomUUID()}/approve`, moderator)).status).toBe(404);
  });
});

describe("bulk approve / reject", () => {
  test("reviews every submission and reports the count", async () => {
    const [a, b, c, d] = [await pending(), await pending(), await pending(), await pending()];
    const approved = await send(t, "POST", "/admin/submissions/bulk-approve", moderator, {
      submission_ids: [a.id, b.id],
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ success: true, count: 2, message: expect.any(String) });
    expect((await statusOf(b.id)).status).toBe("approved");

    const noReason = await send(t, "POST", "/admin/submissions/bulk-reject", moderator, { submission_ids: [c.id] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toBe("Rejection reason is required");
    const rejected = await send(t, "POST", "/admin/submissions/bulk-reject", moderator, {
      submission_ids: [c.id, d.id],
      reason: "Off-topic",
    });
    expect(rejected.body).toMatchObject({ success: true, count: 2 });
    for (const s of [a, b, c, d]) {
      const karma = await karmaOf(t, s.submitter.id);
      expect(karma.points).toBe(karma.ledger);
    }
    expect((await karmaOf(t, d.submitter.id)).points).toBe(95);
    expect((await karmaOf(t, a.submitter.id)).points).toBe(110);
  });

  test("all or nothing: one reviewed id is a 409 and nothing changes; bad input is a 400", async () => {
    const fresh = await pending();
    const done = await pending();
    await send(t, "POST", `/admin/submissions/${done.id}/reject`, moderator, { reason: "no" });
    const res = await send(t, "POST", "/admin/submissions/bulk-approve", moderator, {
      submission_ids: [fresh.id, done.id],
    });
    expect(res.status).toBe(409);
    expect((await statusOf(fresh.id)).status).toBe("pending");
    for (const submission_ids of [[], ["not-a-uuid"], Array.from({ length: 101 }, () => randomUUID())]) {
      expect((await send(t, "POST", "/admin/submissions/bulk-approve", moderator, { submission_ids })).status).toBe(
        400,
      );
    }
    expect((await send(t, "POST", "/admin/submissions/bulk-approve", moderator)).status).toBe(400);
  });
});

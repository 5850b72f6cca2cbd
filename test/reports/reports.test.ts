import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { auditLog } from "../../src/db/schema";
import { apiCall } from "../support/api";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let reporter: TestUser;
let moderator: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  [reporter, moderator] = await Promise.all([createUser(t), createUser(t, { role: "moderator" })]);
});
afterAll(() => t.close());

const call = (method: string, path: string, user?: TestUser, body?: unknown) => apiCall(t, method, path, user, body);

async function reportClip(user: TestUser = reporter) {
  const clip = await createClip(t, moderator.id);
  const res = await call("POST", "/reports", user, { reportable_type: "clip", reportable_id: clip.id, reason: "spam" });
  expect(res.status).toBe(201);
  return res.body.report;
}

describe("POST /reports", () => {
  test("the report dialog's spelling: 201 with the report; a second report 409", async () => {
    const clip = await createClip(t, moderator.id);
    const body = { reportable_type: "clip", reportable_id: clip.id, reason: "nsfw", description: "not ok" };
    const res = await call("POST", "/reports", reporter, body);
    expect(res.status).toBe(201);
    expect(res.body.message).toEqual(expect.any(String));
    expect(res.body.report).toMatchObject({
      reporter_id: reporter.id,
      reportable_type: "clip",
      reportable_id: clip.id,
      reason: "nsfw",
      description: "not ok",
      status: "pending",
    });
    const dupe = await call("POST", "/reports", reporter, body);
    expect(dupe.status).toBe(409);
    expect(typeof dupe.body.error).toBe("string");
  });

  test("the comment menu's spelling with an unknown reason becomes other", async () => {
    const clip = await createClip(t, moderator.id);
    const comment = await call("POST", `/clips/${clip.id}/comments`, moderator, { content: "hot take" });
    const res = await call("POST", "/reports", reporter, {
      target_type: "comment",
      target_id: comment.body.id,
      reason: "misinformation",
    });
    expect(res.status).toBe(201);
    expect(res.body.report).toMatchObject({
      reportable_type: "comment",
      reason: "other",
      description: "Reported as: misinformation",
    });
    const user = await call("POST", "/reports", reporter, {
      target_type: "user",
      target_id: moderator.id,
      reason: "off-topic",
    });
    expect(user.body.report).toMatchObject({ reportable_type: "user", reason: "other" });
  });

  test("bad input 400, missing target 404, anonymous 401", async () => {
    const clip = await createClip(t, moderator.id);
    const bad = [
      {},
      { reportable_type: "clip", reportable_id: clip.id },
      { reportable_type: "video", reportable_id: clip.id, reason: "spam" },
      { reportable_type: "clip", reportable_id: "nope", reason: "spam" },
      { reportable_type: "clip", reportable_id: clip.id, reason: "spam", description: "x".repeat(1001) },
      { reportable_type: "user", reportable_id: reporter.id, reason: "spam" },
    ];
    for (const body of bad) {
      const res = await call("POST", "/reports", reporter, body);
      expect(res.status).toBe(400);
      expect(typeof res.body.error).toBe("string");
    }
    const missing = await call("POST", "/reports", reporter, {
      reportable_type: "comment",
      reportable_id: randomUUID(),
      reason: "spam",
    });
    expect(missing.status).toBe(404);
    expect(
      (await call("POST", "/reports", undefined, { reportable_type: "clip", reportable_id: clip.id, reason: "spam" }))
        .status,
    ).toBe(401);
  });
});

describe("admin reports", () => {
  test("list with filters and meta, detail, review writes the audit log", async () => {
    const report = await reportClip();
    const list = await call("GET", "/admin/reports?status=pending&type=clip&limit=1", moderator);
    expect(list.status).toBe(200);
    expect(list.body.meta).toMatchObject({
      page: 1,
      limit: 1,
      total: expect.any(Number),
      total_pages: expect.any(Number),
    });
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].status).toBe("pending");
    expect(list.body.success).toBeUndefined();

    const detail = await call("GET", `/admin/reports/${report.id}`, moderator);
    expect(detail).toEqual({ status: 200, body: expect.objectContaining({ id: report.id, status: "pending" }) });

    const reviewed = await call("PUT", `/admin/reports/${report.id}`, moderator, {
      status: "actioned",
      action: "clip removed",
    });
    expect(reviewed).toEqual({ status: 200, body: { message: "Report updated successfully" } });
    const after = (await call("GET", `/admin/reports/${report.id}`, moderator)).body;
    expect(after).toMatchObject({ status: "actioned", action: "clip removed", reviewed_by: moderator.id });
    expect(after.reviewed_at).toEqual(expect.any(String));
    const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.targetId, report.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: moderator.id, action: "report.review", targetType: "report" });
    expect(audit[0]!.metadata).toMatchObject({ previous_status: "pending", status: "actioned" });

    const actioned = await call("GET", "/admin/reports?status=actioned&limit=100", moderator);
    expect(actioned.body.data.map((r: { id: string }) => r.id)).toContain(report.id);
    expect((await call("GET", "/admin/reports?status=all&page=99999&limit=999", moderator)).body.meta).toMatchObject({
      page: 10_000,
      limit: 100,
    });
  });

  test("bad input 400, unknown 404", async () => {
    const report = await reportClip();
    expect((await call("GET", "/admin/reports?status=bogus", moderator)).status).toBe(400);
    expect((await call("GET", "/admin/reports?type=video", moderator)).status).toBe(400);
    expect((await call("GET", "/admin/reports/nope", moderator)).status).toBe(400);
    expect((await call("GET", `/admin/reports/${randomUUID()}`, moderator)).status).toBe(404);
    expect((await call("PUT", `/admin/reports/${report.id}`, moderator, { status: "done" })).status).toBe(400);
    expect((await call("PUT", `/admin/reports/${report.id}`, moderator, {})).status).toBe(400);
    expect((await call("PUT", `/admin/reports/${randomUUID()}`, moderator, { status: "dismissed" })).status).toBe(404);
  });

  test("users 403, anonymous 401", async () => {
    const report = await reportClip();
    for (const [method, path, body] of [
      ["GET", "/admin/reports", undefined],
      ["GET", `/admin/reports/${report.id}`, undefined],
      ["PUT", `/admin/reports/${report.id}`, { status: "dismissed" }],
    ] as const) {
      expect((await call(method, path, reporter, body)).status).toBe(403);
      expect((await call(method, path, undefined, body)).status).toBe(401);
    }
  });
});

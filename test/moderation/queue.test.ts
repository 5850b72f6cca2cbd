import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { comments } from "../../src/db/schema";
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
}, 120_000);
afterAll(() => t.close());

async function report(type: "clip" | "comment" | "user", id: string, reason: string) {
  const res = await apiCall(t, "POST", "/reports", await createUser(t), {
    reportable_type: type,
    reportable_id: id,
    reason,
  });
  expect(res.status).toBe(201);
  return res.body.report.id as string;
}

async function reportedContent() {
  const author = await createUser(t);
  const clip = await createClip(t, author.id);
  const [comment] = await t.deps.db
    .insert(comments)
    .values({ clipId: clip.id, userId: author.id, content: "x" })
    .returning();
  const clipReports = [await report("clip", clip.id, "harassment"), await report("clip", clip.id, "spam")];
  const commentReport = await report("comment", comment!.id, "spam");
  return { clip, comment: comment!, clipReports, commentReport };
}

const queue = async (query = "", who: TestUser = moderator) =>
  apiCall(t, "GET", `/admin/moderation/queue${query}`, who);

describe("GET /admin/moderation/queue", () => {
  test("lists pending reports, the gravest and most reported first, with who reported the same content", async () => {
    const { clip, comment, clipReports, commentReport } = await reportedContent();
    const res = await queue("?status=pending&limit=100");
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ count: res.body.data.length, limit: 100, status: "pending" });
    const mine = res.body.data.filter((i: { id: string }) => [...clipReports, commentReport].includes(i.id));
    expect(mine.map((i: { id: string }) => i.id)).toEqual([...clipReports, commentReport]);
    expect(mine[0]).toMatchObject({
      content_type: "clip",
      content_id: clip.id,
      reason: "harassment",
      priority: 85,
      status: "pending",
      report_count: 2,
      auto_flagged: false,
      reviewed_at: null,
    });
    expect(mine[0].reported_by).toHaveLength(2);
    expect(mine[1]).toMatchObject({ reason: "spam", priority: 35 });
    expect(mine[2]).toMatchObject({ content_type: "comment", content_id: comment.id, priority: 25, report_count: 1 });

    const onlyComments = (await queue("?type=comment&limit=100")).body.data;
    expect(onlyComments.every((i: { content_type: string }) => i.content_type === "comment")).toBe(true);
    expect(onlyComments.map((i: { id: string }) => i.id)).toContain(commentReport);
  });

  test("an unknown status means pending; an unknown type is a 400; limit is clamped", async () => {
    expect((await queue("?status=whatever")).body.meta.status).toBe("pending");
    expect((await queue("?type=submission")).status).toBe(400);
    expect((await queue("?limit=100000")).body.meta.limit).toBe(100);
  });
});

describe("decisions", () => {
  test("approve, reject and bulk escalate move items between the lists, once each, in the audit log", async () => {
    const { clipReports, commentReport } = await reportedContent();
    const [first, second] = clipReports as [string, string];
    const approve = await apiCall(t, "POST", `/admin/moderation/${first}/approve`, moderator);
    expect(approve.body).toEqual({ success: true, message: "Content approved" });
    expect((await apiCall(t, "POST", `/admin/moderation/${first}/approve`, moderator)).status).toBe(409);
    const reject = await apiCall(t, "POST", `/admin/moderation/${second}/reject`, admin, { reason: "abusive" });
    expect(reject.body).toEqual({ success: true, message: "Content rejected" });

    const approved = (await queue("?status=approved&limit=100")).body.data;
    expect(approved.find((i: { id: string }) => i.id === first)).toMatchObject({ reviewed_by: moderator.id });
    const rejected = (await queue("?status=rejected&limit=100")).body.data;
    expect(rejected.map((i: { id: string }) => i.id)).toContain(second);
    const pending = (await queue("?limit=100")).body.data.map((i: { id: string }) => i.id);
    expect(pending).not.toContain(first);

    const missing = randomUUID();
    const bulk = await apiCall(t, "POST", "/admin/moderation/bulk", moderator, {
      item_ids: [commentReport, first, missing, commentReport.toUpperCase()],
      action: "escalate",
    });
    expect(bulk.body).toEqual({ success: true, processed: 1, total: 3, failed: [first, missing] });
    expect((await queue("?status=escalated&limit=100")).body.data.map((i: { id: string }) => i.id)).toContain(
      commentReport,
    );

    const audit = await apiCall(t, "GET", `/admin/audit-logs?target_id=${second}`, admin);
    expect(audit.body.data[0]).toMatchObject({ action: "report.review", reason: "abusive", actor_id: admin.id });
    expect(audit.body.data[0].metadata).toMatchObject({ status: "actioned", action: "rejected" });
  });

  test("an unknown item is a 404, a bad id or body a 400", async () => {
    expect((await apiCall(t, "POST", `/admin/moderation/${randomUUID()}/approve`, moderator)).status).toBe(404);
    expect((await apiCall(t, "POST", "/admin/moderation/nope/reject", moderator)).status).toBe(400);
    const bad = await apiCall(t, "POST", "/admin/moderation/bulk", moderator, { item_ids: [], action: "approve" });
    expect(bad.status).toBe(400);
    const action = await apiCall(t, "POST", "/admin/moderation/bulk", moderator, {
      item_ids: [randomUUID()],
      action: "delete",
    });
    expect(action.status).toBe(400);
  });
});

describe("GET /admin/moderation/queue/stats", () => {
  test("counts each status, and the pending ones by type, reason and priority", async () => {
    const before = (await apiCall(t, "GET", "/admin/moderation/queue/stats", moderator)).body.data;
    await reportedContent();
    const res = await apiCall(t, "GET", "/admin/moderation/queue/stats", moderator);
    expect(res.status).toBe(200);
    const after = res.body.data;
    expect(after.total_pending - before.total_pending).toBe(3);
    expect(after.user_reported_count).toBe(after.total_pending);
    expect(after.high_priority_count - before.high_priority_count).toBe(1);
    expect((after.by_content_type.clip ?? 0) - (before.by_content_type.clip ?? 0)).toBe(2);
    expect((after.by_reason.spam ?? 0) - (before.by_reason.spam ?? 0)).toBe(2);
    expect(after.auto_flagged_count).toBe(0);
    expect(after.oldest_pending_age_hours).toBeGreaterThanOrEqual(0);
  });
});

describe("access", () => {
  test("moderators and admins only", async () => {
    const user = await createUser(t);
    const id = randomUUID();
    for (const [method, path] of [
      ["GET", "/admin/moderation/queue"],
      ["GET", "/admin/moderation/queue/stats"],
      ["POST", `/admin/moderation/${id}/approve`],
      ["POST", `/admin/moderation/${id}/reject`],
      ["POST", "/admin/moderation/bulk"],
    ] as const) {
      expect((await apiCall(t, method, path)).status).toBe(401);
      expect((await apiCall(t, method, path, user)).status).toBe(403);
    }
    expect((await queue("", admin)).status).toBe(200);
  });
});

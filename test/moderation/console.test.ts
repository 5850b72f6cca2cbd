import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { outbox, users } from "../../src/db/schema";
import { apiCall } from "../support/api";
import { createTestContext, json, type TestContext } from "../support/app";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let admin: TestUser;
let moderator: TestUser;
let user: TestUser;
beforeAll(async () => {
  // The relay stays off, so the outbox rows this file writes keep the state it sets.
  t = await createTestContext({ OUTBOX_POLL_INTERVAL_MS: "0" });
  admin = await createUser(t, { role: "admin" });
  moderator = await createUser(t, { role: "moderator" });
  user = await createUser(t);
}, 120_000);
afterAll(() => t.close());

const today = () => new Date().toISOString().slice(0, 10);
const ban = (target: TestUser, reason: string) =>
  apiCall(t, "POST", `/admin/users/${target.id}/ban`, admin, { reason });

describe("GET /moderation/audit-logs", () => {
  test("the audit log in AuditLogViewer's shape, filtered by verb, dates, actor and reason", async () => {
    const target = await createUser(t);
    await ban(target, "spam bot ring");
    const query = `action=ban&actor=${admin.id}&startDate=${today()}&endDate=${today()}&search=BOT&limit=10`;
    const res = await apiCall(t, "GET", `/moderation/audit-logs?${query}`, moderator);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, limit: 10, offset: 0 });
    expect(res.body.logs[0]).toMatchObject({
      action: "user.ban",
      entityType: "user",
      actor: { id: admin.id, username: admin.username },
      target: { id: target.id, username: target.username },
      reason: "spam bot ring",
      metadata: {},
    });
    // AuditLogViewer sends the path with the API prefix doubled.
    const doubled = await t.request(`/api/v1/api/v1/moderation/audit-logs?${query}`, { headers: moderator.headers });
    expect((await json(doubled)).logs[0].id).toBe(res.body.logs[0].id);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const old = await apiCall(
      t,
      "GET",
      `/moderation/audit-logs?${query.replace(/endDate=[^&]+/, `endDate=${yesterday}`)}`,
      moderator,
    );
    expect(old.body.total).toBe(0);
  });

  test("offset pages; bad dates and actor ids are 400; users 403", async () => {
    await ban(await createUser(t), "a");
    await ban(await createUser(t), "b");
    const all = (await apiCall(t, "GET", "/moderation/audit-logs?action=ban&limit=100", admin)).body;
    const page = (await apiCall(t, "GET", "/moderation/audit-logs?action=ban&limit=1&offset=1", admin)).body;
    expect(page.logs[0].id).toBe(all.logs[1].id);
    expect((await apiCall(t, "GET", "/moderation/audit-logs?startDate=2026-02-30", admin)).status).toBe(400);
    expect((await apiCall(t, "GET", "/moderation/audit-logs?actor=nobody", admin)).status).toBe(400);
    expect((await apiCall(t, "GET", "/moderation/audit-logs", user)).status).toBe(403);
    expect((await apiCall(t, "GET", "/moderation/audit-logs")).status).toBe(401);
  });
});

describe("GET /moderation/bans", () => {
  test("site bans with who banned and why; another channel has none; moderators may read", async () => {
    const target = await createUser(t);
    await ban(target, "harassment");
    const res = await apiCall(t, "GET", "/moderation/bans?limit=100&offset=0", moderator);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ limit: 100, offset: 0 });
    expect(res.body.bans.find((b: { banned_user_id: string }) => b.banned_user_id === target.id)).toMatchObject({
      community_id: "site",
      banned_username: target.username,
      banned_by_user_id: admin.id,
      reason: "harassment",
      expires_at: null,
    });
    expect(res.body.total).toBe(res.body.bans.length);
    expect((await apiCall(t, "GET", "/moderation/bans?channelId=all", moderator)).body.total).toBe(res.body.total);
    expect((await apiCall(t, "GET", "/moderation/bans?channelId=channel-1", moderator)).body).toMatchObject({
      bans: [],
      total: 0,
    });
    expect((await apiCall(t, "GET", "/moderation/bans", user)).status).toBe(403);
  });
});

describe("GET /moderation/moderators", () => {
  test("the site's moderators and admins, for admins", async () => {
    const promoted = await createUser(t);
    await apiCall(t, "PATCH", `/admin/users/${promoted.id}/role`, admin, { role: "moderator" });
    const res = await apiCall(t, "GET", "/moderation/moderators?channelId=site&limit=100&offset=0", admin);
    expect(res.status).toBe(200);
    const ids = res.body.data.map((m: { user_id: string }) => m.user_id);
    expect(ids).toEqual(expect.arrayContaining([admin.id, moderator.id, promoted.id]));
    expect(ids).not.toContain(user.id);
    expect(res.body.data.find((m: { id: string }) => m.id === promoted.id)).toMatchObject({
      channel_id: "site",
      role: "moderator",
      assigned_by: admin.id,
      username: promoted.username,
    });
    expect(res.body.meta).toEqual({ total: ids.length, limit: 100, offset: 0 });
    expect((await apiCall(t, "GET", "/moderation/moderators?channelId=other", admin)).body.data).toEqual([]);
    expect((await apiCall(t, "GET", "/moderation/moderators?channelId=site", moderator)).status).toBe(403);
  });
});

describe("verification", () => {
  test("no applications exist; the stats count verified users; admins only", async () => {
    const apps = await apiCall(t, "GET", "/admin/verification/applications?status=pending&limit=50&page=1", admin);
    expect(apps.body).toEqual({ success: true, data: [], meta: { count: 0, limit: 50, page: 1, status: "pending" } });
    const before = (await apiCall(t, "GET", "/admin/verification/stats", admin)).body.data.total_verified;
    await t.deps.db.update(users).set({ isVerified: true }).where(eq(users.id, user.id));
    const stats = await apiCall(t, "GET", "/admin/verification/stats", admin);
    expect(stats.body.data).toEqual({
      total_pending: 0,
      total_approved: 0,
      total_rejected: 0,
      total_verified: before + 1,
    });
    expect((await apiCall(t, "GET", "/admin/verification/stats", moderator)).status).toBe(403);
  });
});

describe("GET /admin/sync/status", () => {
  test("the outbox relay's state: pending, failing and handed-on rows per topic", async () => {
    const before = (await apiCall(t, "GET", "/admin/sync/status", admin)).body;
    const processedAt = new Date();
    await t.deps.db.insert(outbox).values([
      { topic: "search-index", aggregateType: "clip", aggregateId: crypto.randomUUID(), processedAt },
      { topic: "search-index", aggregateType: "clip", aggregateId: crypto.randomUUID() },
      { topic: "embed", aggregateType: "clip", aggregateId: crypto.randomUUID(), attempts: 2, lastError: "boom" },
    ]);
    const res = await apiCall(t, "GET", "/admin/sync/status", admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      last_sync_status: "failed",
      total_synced: before.total_synced + 1,
      failed_count: before.failed_count + 1,
      is_syncing: true,
      pending_count: before.pending_count + 2,
      last_sync_time: processedAt.toISOString(),
    });
    expect(res.body.topics).toContainEqual({
      topic: "embed",
      pending: 1,
      failing: 1,
      processed_last_day: 0,
      last_processed_at: null,
    });
    expect((await apiCall(t, "GET", "/admin/sync/status", moderator)).status).toBe(403);
  });
});

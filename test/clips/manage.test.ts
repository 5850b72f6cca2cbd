import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { auditLog, clips } from "../../src/db/schema";
import { apiCall } from "../support/api";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let owner: TestUser;
let other: TestUser;
let moderator: TestUser;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  owner = await createUser(t);
  other = await createUser(t);
  moderator = await createUser(t, { role: "moderator" });
  admin = await createUser(t, { role: "admin" });
});
afterAll(() => t.close());

const send = (method: string, path: string, user: TestUser | undefined, body?: unknown) =>
  apiCall(t, method, path, user, body);
const audits = (clipId: string, action: string) =>
  t.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, clipId), eq(auditLog.action, action)));
const row = async (clipId: string) => (await t.deps.db.select().from(clips).where(eq(clips.id, clipId)))[0]!;

describe("PUT /clips/:id (moderators)", () => {
  test("updates only the moderation fields, returns the clip and audits", async () => {
    const clip = await createClip(t, owner.id);
    const res = await send("PUT", `/clips/${clip.id}`, moderator, {
      is_featured: true,
      is_nsfw: true,
      title: "ignored",
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: clip.id, is_featured: true, is_nsfw: true, title: clip.title });
    expect((await audits(clip.id, "clip.moderate")).length).toBe(1);
  });

  test("401 anonymous, 403 user, 400 empty body or bad id, 404 missing", async () => {
    const clip = await createClip(t, owner.id);
    expect((await send("PUT", `/clips/${clip.id}`, undefined, { is_featured: true })).status).toBe(401);
    const forbidden = await send("PUT", `/clips/${clip.id}`, owner, { is_featured: true });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("FORBIDDEN");
    expect((await send("PUT", `/clips/${clip.id}`, moderator, {})).status).toBe(400);
    expect((await send("PUT", "/clips/nope", moderator, { is_nsfw: true })).body.error.code).toBe("INVALID_CLIP_ID");
    expect((await send("PUT", `/clips/${randomUUID()}`, moderator, { is_nsfw: true })).status).toBe(404);
  });
});

describe("DELETE /clips/:id (admins)", () => {
  test("soft-deletes with the default or given reason, bodiless or not, and audits", async () => {
    const clip = await createClip(t, owner.id);
    const res = await send("DELETE", `/clips/${clip.id}`, admin);
    expect(res).toEqual({ status: 200, body: { success: true, data: { message: expect.any(String) } } });
    expect(await row(clip.id)).toMatchObject({ isRemoved: true, removedReason: "Removed by admin" });
    expect((await send("GET", `/clips/${clip.id}`, undefined)).status).toBe(404);
    const second = await createClip(t, owner.id);
    await send("DELETE", `/clips/${second.id}`, admin, { reason: "spam" });
    expect((await row(second.id)).removedReason).toBe("spam");
    expect((await audits(second.id, "clip.remove"))[0]).toMatchObject({ actorId: admin.id, reason: "spam" });
  });

  test("moderators are 403, anonymous 401, bad id 400", async () => {
    const clip = await createClip(t, owner.id);
    expect((await send("DELETE", `/clips/${clip.id}`, moderator)).status).toBe(403);
    expect((await send("DELETE", `/clips/${clip.id}`, undefined)).status).toBe(401);
    expect((await send("DELETE", "/clips/123", admin)).status).toBe(400);
  });
});

describe("PUT /clips/:id/metadata and /visibility (submitter or admin)", () => {
  test("the submitter edits the title and hides the clip", async () => {
    const clip = await createClip(t, owner.id);
    const meta = await send("PUT", `/clips/${clip.id}/metadata`, owner, { title: "  New title  " });
    expect(meta).toEqual({ status: 200, body: { success: true, data: { message: expect.any(String) } } });
    expect((await row(clip.id)).title).toBe("New title");
    const hide = await send("PUT", `/clips/${clip.id}/visibility`, owner, { is_hidden: true });
    expect(hide.body).toEqual({ success: true, data: { message: expect.any(String), is_hidden: true } });
    expect((await row(clip.id)).isHidden).toBe(true);
    expect((await audits(clip.id, "clip.set_visibility")).length).toBe(0);
  });

  test("another user is 403 FORBIDDEN; an admin may, and is audited", async () => {
    const clip = await createClip(t, owner.id);
    const res = await send("PUT", `/clips/${clip.id}/metadata`, other, { title: "mine now" });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      success: false,
      error: { code: "FORBIDDEN", message: expect.any(String) },
      request_id: expect.any(String),
    });
    expect((await send("PUT", `/clips/${clip.id}/visibility`, moderator, { is_hidden: true })).status).toBe(403);
    expect((await send("PUT", `/clips/${clip.id}/visibility`, admin, { is_hidden: true })).status).toBe(200);
    expect((await audits(clip.id, "clip.set_visibility")).length).toBe(1);
  });

  test("missing title or is_hidden is 400; anonymous is 401", async () => {
    const clip = await createClip(t, owner.id);
    expect((await send("PUT", `/clips/${clip.id}/metadata`, owner, { tags: ["x"] })).status).toBe(400);
    expect((await send("PUT", `/clips/${clip.id}/visibility`, owner, { is_hidden: "yes" })).status).toBe(400);
    expect((await send("PUT", `/clips/${clip.id}/metadata`, undefined, { title: "x" })).status).toBe(401);
  });
});

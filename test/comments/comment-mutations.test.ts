import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { clips, comments } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";
import { commentApi, karmaOf } from "./support";

let t: TestContext;
let api: ReturnType<typeof commentApi>;
let author: TestUser;
let other: TestUser;
let moderator: TestUser;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  api = commentApi(t);
  [author, other, moderator, admin] = await Promise.all([
    createUser(t),
    createUser(t),
    createUser(t, { role: "moderator" }),
    createUser(t, { role: "admin" }),
  ]);
});
afterAll(() => t.close());

async function newComment() {
  const clip = await createClip(t, author.id);
  const res = await api.post(clip.id, author, "original");
  return { clipId: clip.id, id: res.body.id as string };
}
const row = async (id: string) => (await t.deps.db.select().from(comments).where(eq(comments.id, id)))[0]!;
const clipComments = async (clipId: string) =>
  (await t.deps.db.select({ n: clips.commentCount }).from(clips).where(eq(clips.id, clipId)))[0]!.n;
const age = (id: string, minutes: number) =>
  t.deps.db
    .update(comments)
    .set({ createdAt: sql`now() - make_interval(mins => ${minutes})` })
    .where(eq(comments.id, id));

describe("PUT /comments/:id", () => {
  test("the author edits within 15 minutes; is_edited is set", async () => {
    const { id } = await newComment();
    const res = await api.call("PUT", `/comments/${id}`, author, { content: " edited " });
    expect(res).toEqual({ status: 200, body: { message: "Comment updated successfully" } });
    expect(await row(id)).toMatchObject({ content: "edited", isEdited: true });
  });

  test("after the window the author gets 400, an admin can still edit", async () => {
    const { id } = await newComment();
    await age(id, 16);
    const late = await api.call("PUT", `/comments/${id}`, author, { content: "late" });
    expect(late.status).toBe(400);
    expect(late.body.error).toBe("edit window of 15 minutes has expired");
    expect((await api.call("PUT", `/comments/${id}`, admin, { content: "by admin" })).status).toBe(200);
    expect((await row(id)).content).toBe("by admin");
  });

  test("others and moderators 403, anonymous 401, bad input 400, unknown 404", async () => {
    const { id } = await newComment();
    expect((await api.call("PUT", `/comments/${id}`, other, { content: "x" })).status).toBe(403);
    expect((await api.call("PUT", `/comments/${id}`, moderator, { content: "x" })).status).toBe(403);
    expect((await api.call("PUT", `/comments/${id}`, undefined, { content: "x" })).status).toBe(401);
    expect((await api.call("PUT", `/comments/${id}`, author, { content: "  " })).status).toBe(400);
    expect((await api.call("PUT", "/comments/nope", author, { content: "x" })).status).toBe(400);
    expect((await api.call("PUT", `/comments/${randomUUID()}`, author, { content: "x" })).status).toBe(404);
    await api.remove(id, author);
    expect((await api.call("PUT", `/comments/${id}`, author, { content: "x" })).status).toBe(400);
  });
});

describe("DELETE /comments/:id", () => {
  test("the author's delete shows [deleted], takes back the +1 and drops comment_count (bodiless request)", async () => {
    const { clipId, id } = await newComment();
    const before = await karmaOf(t, author.id);
    const res = await t.request(`/api/v1/comments/${id}`, {
      method: "DELETE",
      headers: { authorization: author.headers.authorization! },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).message).toBe("Comment deleted successfully");
    expect(await row(id)).toMatchObject({ content: "[deleted]", isRemoved: true, removedReason: null });
    expect(await karmaOf(t, author.id)).toEqual({ points: before.points - 1, ledger: before.points - 1 });
    expect(await clipComments(clipId)).toBe(0);
    const list = await api.list(clipId);
    expect(list.body.comments[0]).toMatchObject({ content: "[deleted]", is_removed: true });
  });

  test("a moderator's removal shows [removed] with the reason and costs the author nothing", async () => {
    const { clipId, id } = await newComment();
    const before = await karmaOf(t, author.id);
    const res = await api.remove(id, moderator, { reason: "off topic" });
    expect(res.status).toBe(200);
    expect(await row(id)).toMatchObject({ content: "[removed]", isRemoved: true, removedReason: "off topic" });
    expect((await karmaOf(t, author.id)).points).toBe(before.points);
    expect(await clipComments(clipId)).toBe(0);
    expect((await api.remove(id, moderator)).status).toBe(400);
    expect((await api.remove(id, author)).status).toBe(400);
    expect(await clipComments(clipId)).toBe(0);
  });

  test("others 403, anonymous 401, bad ids 400/404, oversize reason 400", async () => {
    const { id } = await newComment();
    expect((await api.remove(id, other)).status).toBe(403);
    expect((await api.remove(id, undefined)).status).toBe(401);
    expect((await api.remove("123", author)).status).toBe(400);
    expect((await api.remove(randomUUID(), author)).status).toBe(404);
    expect((await api.remove(id, moderator, { reason: "x".repeat(501) })).status).toBe(400);
    expect((await row(id)).isRemoved).toBe(false);
  });
});

describe("POST /comments/:id/vote", () => {
  test("votes move score and the author's karma by the difference, once", async () => {
    const { id } = await newComment();
    const before = await karmaOf(t, author.id);
    const expectState = async (score: number, karmaDelta: number) => {
      expect((await row(id)).voteScore).toBe(score);
      expect(await karmaOf(t, author.id)).toEqual({
        points: before.points + karmaDelta,
        ledger: before.points + karmaDelta,
      });
    };
    const ok = await api.vote(id, other, 1);
    expect(ok).toEqual({ status: 200, body: { message: "Vote recorded successfully" } });
    await expectState(2, 1);
    await api.vote(id, other, 1);
    await expectState(2, 1);
    await api.vote(id, other, -1);
    await expectState(0, -1);
    await api.vote(id, other, 0);
    await expectState(1, 0);
    await api.vote(id, author, -1);
    await expectState(-1, 0);
    const list = await api.list((await row(id)).clipId, "", author);
    expect(list.body.comments[0].user_vote).toBe(-1);
  });

  test("bad votes 400, deleted comments 400, unknown 404, anonymous 401", async () => {
    const { id } = await newComment();
    for (const vote of [2, "1", null, 0.5]) expect((await api.vote(id, other, vote)).status).toBe(400);
    expect((await api.vote(id, undefined, 1)).status).toBe(401);
    expect((await api.vote(randomUUID(), other, 1)).status).toBe(404);
    expect((await api.vote("x", other, 1)).status).toBe(400);
    await api.remove(id, author);
    expect((await api.vote(id, other, 1)).status).toBe(400);
  });
});

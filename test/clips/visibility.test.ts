import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { users } from "../../src/db/schema";
import { apiCall } from "../support/api";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

// A hidden clip is its submitter's and the moderators'; a removed one nobody's. Every route that reads or writes
// through a clip answers like a missing clip to everyone else, and no karma moves. Run on PGlite and real services.
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

const call = (method: string, path: string, user?: TestUser, body?: unknown) => apiCall(t, method, path, user, body);
const karma = async (user: TestUser) =>
  (await t.deps.db.select({ k: users.karmaPoints }).from(users).where(eq(users.id, user.id)))[0]!.k;

/** A clip of `owner` with one comment by `other` and a reply by the owner. */
async function clipWithThread() {
  const clip = await createClip(t, owner.id);
  const comment = await call("POST", `/clips/${clip.id}/comments`, other, { content: "first comment" });
  expect(comment.status).toBe(201);
  const reply = await call("POST", `/clips/${clip.id}/comments`, owner, {
    content: "a reply",
    parent_comment_id: comment.body.id,
  });
  expect(reply.status).toBe(201);
  expect((await call("GET", `/clips/${clip.id}/comments`)).status).toBe(200);
  expect((await call("POST", `/clips/${clip.id}/tags`, owner, { tag_slugs: ["clutch"] })).status).toBe(200);
  expect((await call("GET", `/clips/${clip.id}/tags`)).body.tags).toHaveLength(1);
  return { clip, commentId: comment.body.id as string, replyId: reply.body.id as string };
}

const hide = async (clipId: string) =>
  expect((await call("PUT", `/clips/${clipId}/visibility`, owner, { is_hidden: true })).status).toBe(200);
const remove = async (clipId: string) => expect((await call("DELETE", `/clips/${clipId}`, admin)).status).toBe(200);
const expectMissing = (res: { status: number }) => expect(res.status).toBe(404);

describe("another user's hidden clip", () => {
  test("its comments, replies and tags are not readable, anonymously or by other users", async () => {
    const { clip, commentId } = await clipWithThread();
    await hide(clip.id);
    expectMissing(await call("GET", `/clips/${clip.id}/comments`));
    expectMissing(await call("GET", `/clips/${clip.id}/comments`, other));
    expectMissing(await call("GET", `/comments/${commentId}/replies`));
    // Like a missing clip's: no tags (ClipCards ask per card, so this stays a 200).
    expect((await call("GET", `/clips/${clip.id}/tags`)).body).toEqual({ tags: [] });
  });

  test("its submitter and moderators still read it", async () => {
    const { clip, commentId } = await clipWithThread();
    await hide(clip.id);
    for (const viewer of [owner, moderator]) {
      expect((await call("GET", `/clips/${clip.id}/comments`, viewer)).status).toBe(200);
      expect((await call("GET", `/comments/${commentId}/replies`, viewer)).status).toBe(200);
      expect((await call("GET", `/clips/${clip.id}/tags`, viewer)).body.tags).toHaveLength(1);
    }
  });

  test("others cannot comment (no karma paid), vote on its comments, favourite or vote on it", async () => {
    const { clip, replyId } = await clipWithThread();
    await hide(clip.id);
    const [before, ownerBefore] = [await karma(other), await karma(owner)];
    expectMissing(await call("POST", `/clips/${clip.id}/comments`, other, { content: "sneaky" }));
    expectMissing(await call("POST", `/comments/${replyId}/vote`, other, { vote: 1 }));
    expectMissing(await call("POST", `/clips/${clip.id}/favorite`, other));
    expectMissing(await call("POST", `/clips/${clip.id}/vote`, other, { vote: 1 }));
    expect([await karma(other), await karma(owner)]).toEqual([before, ownerBefore]);
  });

  test("profiles' comments and activity leave out comments on it", async () => {
    const { clip, commentId } = await clipWithThread();
    await hide(clip.id);
    const comments = await call("GET", `/users/${other.id}/comments?limit=50`);
    expect(comments.status).toBe(200);
    expect(JSON.stringify(comments.body)).not.toContain(commentId);
    const activity = await call("GET", `/users/${other.id}/activity?limit=50`);
    expect(activity.status).toBe(200);
    expect(JSON.stringify(activity.body)).not.toContain(clip.id);
  });
});

describe("a removed clip", () => {
  test("its replies are not readable and its comments take no votes (the author's karma stays)", async () => {
    const { clip, commentId, replyId } = await clipWithThread();
    await remove(clip.id);
    expectMissing(await call("GET", `/comments/${commentId}/replies`));
    const ownerBefore = await karma(owner);
    expectMissing(await call("POST", `/comments/${replyId}/vote`, other, { vote: 1 }));
    expect(await karma(owner)).toBe(ownerBefore);
  });

  test("cannot be tagged, even by its submitter or an admin, nor commented on by a moderator", async () => {
    const { clip } = await clipWithThread();
    await remove(clip.id);
    expectMissing(await call("POST", `/clips/${clip.id}/tags`, owner, { tag_slugs: ["clutch"] }));
    expectMissing(await call("POST", `/clips/${clip.id}/tags`, admin, { tag_slugs: ["clutch"] }));
    expectMissing(await call("POST", `/clips/${clip.id}/comments`, moderator, { content: "hm" }));
    expect((await call("GET", `/clips/${clip.id}/tags`, moderator)).body).toEqual({ tags: [] });
  });

  test("a favourite of it can still be taken back", async () => {
    const clip = await createClip(t, owner.id);
    expect((await call("POST", `/clips/${clip.id}/favorite`, other)).status).toBe(200);
    await remove(clip.id);
    expect((await call("DELETE", `/clips/${clip.id}/favorite`, other)).status).toBe(200);
  });
});

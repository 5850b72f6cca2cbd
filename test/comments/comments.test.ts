import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { clips, comments, outbox } from "../../src/db/schema";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";
import { commentApi, karmaOf } from "./support";

let t: TestContext;
let api: ReturnType<typeof commentApi>;
let author: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  api = commentApi(t);
  author = await createUser(t);
});
afterAll(() => t.close());

const commentCount = async (clipId: string) =>
  (await t.deps.db.select({ n: clips.commentCount }).from(clips).where(eq(clips.id, clipId)))[0]!.n;

describe("POST /clips/:id/comments", () => {
  test("201 bare comment with the author's upvote, +1 karma, counters and an outbox row", async () => {
    const clip = await createClip(t, author.id);
    const before = await karmaOf(t, author.id);
    const res = await api.post(clip.id, author, "  first!  ");
    expect(res.status).toBe(201);
    const id = res.body.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).toMatchObject({
      clip_id: clip.id,
      user_id: author.id,
      parent_comment_id: null,
      content: "first!",
      vote_score: 1,
      reply_count: 0,
      is_edited: false,
      is_removed: false,
      author_username: author.username,
      author_display_name: expect.any(String),
      author_avatar_url: null,
      author_karma: before.points + 1,
      author_role: "user",
      user_vote: 1,
    });
    expect(res.body.success).toBeUndefined();
    expect(await karmaOf(t, author.id)).toEqual({ points: before.points + 1, ledger: before.points + 1 });
    expect(await commentCount(clip.id)).toBe(1);
    const events = await t.deps.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.aggregateType, "clip"), eq(outbox.aggregateId, clip.id)));
    expect(events.length).toBeGreaterThan(0);

    const reply = await api.post(clip.id, author, "a reply", id);
    expect(reply.status).toBe(201);
    expect(reply.body.parent_comment_id).toBe(id);
    const [parent] = await t.deps.db.select().from(comments).where(eq(comments.id, id));
    expect(parent!.replyCount).toBe(1);
    expect(await commentCount(clip.id)).toBe(2);
  });

  test("bad content, parent or clip is a 4xx with a string error", async () => {
    const clip = await createClip(t, author.id);
    const other = await createClip(t, author.id);
    const foreign = (await api.post(other.id, author, "elsewhere")).body.id;
    for (const content of ["", "   ", "x".repeat(10_001), 42, null]) {
      const res = await api.post(clip.id, author, content);
      expect(res.status).toBe(400);
      expect(typeof res.body.error).toBe("string");
    }
    expect((await api.post(clip.id, author, "hi", foreign)).status).toBe(400);
    expect((await api.post(clip.id, author, "hi", randomUUID())).status).toBe(400);
    expect(
      (await api.call("POST", `/clips/${clip.id}/comments`, author, { content: "x", parent_comment_id: "nope" }))
        .status,
    ).toBe(400);
    const missing = await api.post(randomUUID(), author, "hi");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe("Clip not found");
    expect((await api.post("not-a-uuid", author, "hi")).status).toBe(400);
    const removed = await createClip(t, author.id, { isRemoved: true });
    expect((await api.post(removed.id, author, "hi")).status).toBe(404);
    const bodiless = await t.request(`/api/v1/clips/${clip.id}/comments`, {
      method: "POST",
      headers: { authorization: author.headers.authorization! },
    });
    expect(bodiless.status).toBe(400);
    expect(await commentCount(clip.id)).toBe(0);
  });

  test("replies nest at most 10 levels deep", async () => {
    const clip = await createClip(t, author.id);
    let parent: string | undefined;
    for (let depth = 0; depth < 10; depth++) {
      const res = await api.post(clip.id, author, `depth ${depth}`, parent);
      expect(res.status).toBe(201);
      parent = res.body.id;
    }
    const tooDeep = await api.post(clip.id, author, "depth 10", parent);
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.error).toContain("depth");

    const { body } = await api.list(clip.id, "?include_replies=true");
    let node = body.comments[0];
    for (let depth = 0; depth < 9; depth++) {
      expect(node.content).toBe(`depth ${depth}`);
      expect(node.replies).toHaveLength(1);
      node = node.replies[0];
    }
    expect(node.content).toBe("depth 9");
    expect(node.replies).toEqual([]);
  });

  test("anonymous is 401", async () => {
    const clip = await createClip(t, author.id);
    const res = await api.post(clip.id, undefined, "hello");
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("UNAUTHORIZED");
  });
});

describe("GET /clips/:id/comments", () => {
  async function votedThread() {
    const clip = await createClip(t, author.id);
    const voters = await Promise.all([1, 2, 3].map(() => createUser(t)));
    const a = (await api.post(clip.id, author, "A: only the author's vote")).body.id;
    const b = (await api.post(clip.id, author, "B: four upvotes")).body.id;
    const c = (await api.post(clip.id, author, "C: split")).body.id;
    for (const v of voters) {
      await api.vote(b, v, 1);
      await api.vote(c, v, -1);
    }
    await api.vote(c, voters[0], 1);
    await api.vote(c, author, 1);
    const extra = await createUser(t);
    await api.vote(c, extra, -1);
    await api.vote(c, voters[1], -1);
    return { clip, a, b, c, voters };
  }

  test("sorts: best (Wilson), new, old, controversial; top means best", async () => {
    const { clip, a, b, c } = await votedThread();
    const order = async (sort: string) =>
      (await api.list(clip.id, `?sort=${sort}`)).body.comments.map((x: { id: string }) => x.id);
    expect(await order("best")).toEqual([b, a, c]);
    expect(await order("top")).toEqual([b, a, c]);
    expect(await order("new")).toEqual([c, b, a]);
    expect(await order("old")).toEqual([a, b, c]);
    expect((await order("controversial"))[0]).toBe(c);
  });

  test("page shape, cursor paging, clamped limit and viewer votes", async () => {
    const { clip, b, voters } = await votedThread();
    const first = await api.list(clip.id, "?limit=2&sort=old");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ next_cursor: 2, has_more: true, total: 3 });
    expect(first.body.comments).toHaveLength(2);
    expect(first.body.comments[0].replies).toBeUndefined();
    const second = await api.list(clip.id, "?limit=2&sort=old&cursor=2");
    expect(second.body).toMatchObject({ next_cursor: 3, has_more: false });
    expect(second.body.comments).toHaveLength(1);

    const clamped = await api.list(clip.id, "?limit=100000&cursor=junk&sort=%27;drop");
    expect(clamped.status).toBe(200);
    expect(clamped.body.comments).toHaveLength(3);

    expect((await api.list(clip.id)).body.comments.every((x: { user_vote: unknown }) => x.user_vote === null)).toBe(
      true,
    );
    const mine = await api.list(clip.id, "", voters[0]);
    expect(mine.body.comments.find((x: { id: string }) => x.id === b).user_vote).toBe(1);
  });

  test("include_replies nests children under their parents", async () => {
    const clip = await createClip(t, author.id);
    const root = (await api.post(clip.id, author, "root")).body.id;
    const r1 = (await api.post(clip.id, author, "r1", root)).body.id;
    await api.post(clip.id, author, "r2", root);
    await api.post(clip.id, author, "r1a", r1);
    await api.post(clip.id, author, "second root");
    const { body } = await api.list(clip.id, "?include_replies=true&sort=old");
    expect(body.total).toBe(2);
    expect(body.comments.map((x: { content: string }) => x.content)).toEqual(["root", "second root"]);
    const [rootNode] = body.comments;
    expect(rootNode.reply_count).toBe(2);
    expect(rootNode.replies.map((x: { content: string }) => x.content)).toEqual(["r1", "r2"]);
    expect(rootNode.replies[0].replies[0].content).toBe("r1a");
  });

  test("unknown clip is 404, malformed id 400", async () => {
    const missing = await api.list(randomUUID());
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe("Clip not found");
    expect((await api.list("abc")).status).toBe(400);
  });

  test("an invalid token is 401 even on this public route", async () => {
    const clip = await createClip(t, author.id);
    const res = await t.request(`/api/v1/clips/${clip.id}/comments`, { headers: { authorization: "Bearer nope" } });
    expect(res.status).toBe(401);
  });
});

describe("GET /comments/:id/replies", () => {
  test("direct replies with paging; 404 and 400", async () => {
    const clip = await createClip(t, author.id);
    const root = (await api.post(clip.id, author, "root")).body.id;
    for (const text of ["one", "two", "three"]) await api.post(clip.id, author, text, root);
    const res = await api.call("GET", `/comments/${root}/replies?sort=old&limit=2`, author);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ next_cursor: 2, has_more: true, total: 3 });
    expect(res.body.replies.map((x: { content: string }) => x.content)).toEqual(["one", "two"]);
    expect(res.body.replies[0].user_vote).toBe(1);
    expect((await api.call("GET", `/comments/${randomUUID()}/replies`)).status).toBe(404);
    expect((await api.call("GET", "/comments/zzz/replies")).status).toBe(400);
  });
});

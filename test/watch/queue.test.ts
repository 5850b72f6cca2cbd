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

const add = (user: TestUser, clipId: string, atEnd?: boolean) =>
  apiCall(t, "POST", "/queue", user, { clip_id: clipId, at_end: atEnd });
const queueOf = async (user: TestUser) => (await apiCall(t, "GET", "/queue?limit=20", user)).body.data;
const clipIds = async (user: TestUser) => (await queueOf(user)).items.map((i: { clip_id: string }) => i.clip_id);

describe("watch queue", () => {
  test("add at the end or the front, list with clips, count, reorder, played, remove, clear", async () => {
    const user = await createUser(t);
    const [a, b, c] = [await createClip(t, null), await createClip(t, null), await createClip(t, null)];
    const first = await add(user, a.id);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ success: true, data: { user_id: user.id, clip_id: a.id } });
    await add(user, b.id);
    expect((await add(user, c.id, false)).status).toBe(201);
    expect(await clipIds(user)).toEqual([c.id, a.id, b.id]);

    const queue = await queueOf(user);
    expect(queue.total).toBe(3);
    expect(queue.items[0].clip).toMatchObject({ id: c.id, title: c.title, thumbnail_url: c.thumbnailUrl });
    expect(queue.next_clip.id).toBe(c.id);
    expect((await apiCall(t, "GET", "/queue/count", user)).body).toEqual({ success: true, data: { count: 3 } });

    const dup = await add(user, a.id);
    expect(dup.status).toBe(409);
    expect(dup.body.success).toBe(false);

    const itemOf = (clipId: string) => queue.items.find((i: { clip_id: string }) => i.clip_id === clipId).id;
    const moved = await apiCall(t, "PATCH", "/queue/reorder", user, { item_id: itemOf(b.id), new_position: 0 });
    expect(moved.status).toBe(200);
    expect(await clipIds(user)).toEqual([b.id, c.id, a.id]);
    await apiCall(t, "PATCH", "/queue/reorder", user, { item_id: itemOf(b.id), new_position: 99 });
    expect(await clipIds(user)).toEqual([c.id, a.id, b.id]);

    expect((await apiCall(t, "POST", `/queue/${itemOf(c.id)}/played`, user)).status).toBe(200);
    const played = await queueOf(user);
    expect(played.items[0].played_at).toBeString();
    expect(played.next_clip.id).toBe(a.id);

    expect((await apiCall(t, "DELETE", `/queue/${itemOf(a.id)}`, user)).status).toBe(200);
    expect(await clipIds(user)).toEqual([c.id, b.id]);
    const cleared = await apiCall(t, "DELETE", "/queue", user);
    expect(cleared.body).toMatchObject({ success: true, data: { removed: 2 } });
    expect(await queueOf(user)).toEqual({ items: [], total: 0 });
  });

  test("a clip that is gone or removed cannot be added and drops out of the list", async () => {
    const user = await createUser(t);
    const removed = await createClip(t, null, { isRemoved: true });
    const missing = await add(user, crypto.randomUUID());
    expect(missing.status).toBe(404);
    expect((await add(user, removed.id)).status).toBe(404);
    const clip = await createClip(t, null);
    await add(user, clip.id);
    await apiCall(t, "PUT", `/clips/${clip.id}`, await createUser(t, { role: "moderator" }), { is_removed: true });
    expect(await queueOf(user)).toEqual({ items: [], total: 0 });
  });

  test("another user's queue items are 404 to remove, reorder or mark played; own queue only in lists", async () => {
    const [owner, other] = [await createUser(t), await createUser(t)];
    const clip = await createClip(t, null);
    const item = (await add(owner, clip.id)).body.data.id;
    expect((await apiCall(t, "DELETE", `/queue/${item}`, other)).status).toBe(404);
    expect((await apiCall(t, "POST", `/queue/${item}/played`, other)).status).toBe(404);
    expect((await apiCall(t, "PATCH", "/queue/reorder", other, { item_id: item, new_position: 0 })).status).toBe(404);
    expect((await apiCall(t, "DELETE", "/queue", other)).body.data.removed).toBe(0);
    expect(await queueOf(other)).toEqual({ items: [], total: 0 });
    expect((await queueOf(owner)).total).toBe(1);
  });

  test("bad input is a family-A 400; anonymous callers 401", async () => {
    const user = await createUser(t);
    for (const body of [{}, { clip_id: "nope" }, { clip_id: crypto.randomUUID(), at_end: "yes" }]) {
      const res = await apiCall(t, "POST", "/queue", user, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, error: { code: "VALIDATION_ERROR" } });
    }
    const reorder = await apiCall(t, "PATCH", "/queue/reorder", user, {
      item_id: crypto.randomUUID(),
      new_position: -1,
    });
    expect(reorder.status).toBe(400);
    expect((await apiCall(t, "DELETE", "/queue/not-a-uuid", user)).status).toBe(400);
    for (const [method, path] of [
      ["GET", "/queue"],
      ["POST", "/queue"],
      ["DELETE", "/queue"],
    ] as const) {
      expect((await apiCall(t, method, path)).status).toBe(401);
    }
  });
});

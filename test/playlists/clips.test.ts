import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { playlistItems } from "../../src/db/schema";
import { apiCall } from "../support/api";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const newPlaylist = async (owner: TestUser, visibility = "public") =>
  (await apiCall(t, "POST", "/playlists", owner, { title: "Clips", visibility })).body.data.id as string;
const clipsOf = async (id: string, viewer?: TestUser, query = "") =>
  (await apiCall(t, "GET", `/playlists/${id}${query}`, viewer)).body;
const order = async (id: string, viewer?: TestUser) =>
  (await clipsOf(id, viewer, "?limit=500")).data.clips.map((c: { id: string }) => c.id);

describe("playlist clips", () => {
  test("add (one or many, twice is a no-op), page through, remove and reorder", async () => {
    const owner = await createUser(t);
    const id = await newPlaylist(owner);
    const [a, b, c] = [await createClip(t, owner.id), await createClip(t, null), await createClip(t, null)];

    const one = await apiCall(t, "POST", `/playlists/${id}/clips`, owner, { clip_id: a.id });
    expect(one.body).toEqual({ success: true, data: { message: "Clips added to playlist successfully", added: 1 } });
    const many = await apiCall(t, "POST", `/playlists/${id}/clips`, owner, { clip_ids: [b.id, a.id, c.id, b.id] });
    expect(many.body.data.added).toBe(2);
    expect((await apiCall(t, "POST", `/playlists/${id}/clips`, owner, { clip_id: a.id })).body.data.added).toBe(0);
    expect(await order(id)).toEqual([a.id, b.id, c.id]);

    const second = await clipsOf(id, undefined, "?page=2&limit=2");
    expect(second.meta).toEqual({ page: 2, limit: 2, total: 3, total_pages: 2, has_next: false, has_prev: true });
    expect(second.data.clips).toHaveLength(1);
    expect(second.data.clips[0]).toMatchObject({ id: c.id, order: 2, title: c.title, embed_url: c.embedUrl });
    expect(second.data.clip_count).toBe(3);

    expect(
      (await apiCall(t, "PUT", `/playlists/${id}/clips/order`, owner, { clip_ids: [c.id, a.id, b.id] })).status,
    ).toBe(200);
    expect(await order(id)).toEqual([c.id, a.id, b.id]);
    const removed = await apiCall(t, "DELETE", `/playlists/${id}/clips/${a.id}`, owner);
    expect(removed.body.data.message).toBe("Clip removed from playlist successfully");
    expect(await order(id)).toEqual([c.id, b.id]);
    expect((await apiCall(t, "DELETE", `/playlists/${id}/clips/${a.id}`, owner)).status).toBe(404);
    const added = await apiCall(t, "POST", `/playlists/${id}/clips`, owner, { clip_id: a.id });
    expect(added.body.data.added).toBe(1);
    expect(await order(id)).toEqual([c.id, b.id, a.id]);
  });

  test("concurrent adds of the same and different clips all succeed, each clip once, in distinct places", async () => {
    const owner = await createUser(t);
    const id = await newPlaylist(owner);
    const clips = await Promise.all(Array.from({ length: 6 }, () => createClip(t, null)));
    const results = await Promise.all(
      [...clips, ...clips].map((clip) => apiCall(t, "POST", `/playlists/${id}/clips`, owner, { clip_id: clip.id })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(results.reduce((n, r) => n + r.body.data.added, 0)).toBe(6);
    const positions = await t.deps.db
      .select({ position: playlistItems.position })
      .from(playlistItems)
      .where(eq(playlistItems.playlistId, id));
    expect(new Set(positions.map((p) => p.position)).size).toBe(6);
  });

  test("reorder must be an exact permutation of the playlist's clips", async () => {
    const owner = await createUser(t);
    const id = await newPlaylist(owner);
    const [a, b] = [await createClip(t, null), await createClip(t, null)];
    await apiCall(t, "POST", `/playlists/${id}/clips`, owner, { clip_ids: [a.id, b.id] });
    for (const clip_ids of [[a.id], [a.id, a.id], [a.id, b.id, crypto.randomUUID()], [b.id, "nope"], []]) {
      const res = await apiCall(t, "PUT", `/playlists/${id}/clips/order`, owner, { clip_ids });
      expect(res.status, JSON.stringify(clip_ids)).toBe(400);
      expect(res.body.success).toBe(false);
    }
    expect(await order(id)).toEqual([a.id, b.id]);
  });

  test("unknown, removed or hidden clips cannot be added; clips that later leave the listings drop out", async () => {
    const [owner, stranger] = [await createUser(t), await createUser(t)];
    const moderator = await createUser(t, { role: "moderator" });
    const id = await newPlaylist(owner);
    const removed = await createClip(t, null, { isRemoved: true });
    const hidden = await createClip(t, stranger.id, { isHidden: true });
    for (const clipId of [crypto.randomUUID(), removed.id, hidden.id]) {
      expect((await apiCall(t, "POST", `/playlists/${id}/clips`, owner, { clip_id: clipId })).status).toBe(404);
    }
    const [keep, goes, hides] = [
      await createClip(t, null),
      await createClip(t, null),
      await createClip(t, stranger.id),
    ];
    await apiCall(t, "POST", `/playlists/${id}/clips`, owner, { clip_ids: [keep.id, goes.id, hides.id] });
    await apiCall(t, "PUT", `/clips/${goes.id}`, moderator, { is_removed: true });
    expect((await apiCall(t, "PUT", `/clips/${hides.id}/visibility`, stranger, { is_hidden: true })).status).toBe(200);

    const seen = await clipsOf(id);
    expect(seen.data.clips.map((c: { id: string }) => c.id)).toEqual([keep.id]);
    expect(seen.data.clip_count).toBe(1);
    expect(seen.meta.total).toBe(1);
    expect((await apiCall(t, "GET", "/playlists", owner)).body.data[0].preview_clips).toHaveLength(1);
    // The hidden clip's submitter still sees it; the owner reorders what they see and the rest keeps its place.
    expect(await order(id, stranger)).toEqual([keep.id, hides.id]);
    expect((await apiCall(t, "PUT", `/playlists/${id}/clips/order`, owner, { clip_ids: [keep.id] })).status).toBe(200);
    expect(await order(id, moderator)).toEqual([keep.id, hides.id]);
  });

  test("a playlist holds at most 500 clips", async () => {
    const owner = await createUser(t);
    const id = await newPlaylist(owner, "private");
    const filler = await Promise.all(Array.from({ length: 499 }, () => createClip(t, null)));
    await t.deps.db
      .insert(playlistItems)
      .values(filler.map((clip, position) => ({ playlistId: id, clipId: clip.id, position })));
    const [last, over] = [await createClip(t, null), await createClip(t, null)];
    expect((await apiCall(t, "POST", `/playlists/${id}/clips`, owner, { clip_id: last.id })).status).toBe(200);
    const full = await apiCall(t, "POST", `/playlists/${id}/clips`, owner, { clip_id: over.id });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe("CONFLICT");
    const all = await clipsOf(id, owner, "?limit=500");
    expect(all.data.clips).toHaveLength(500);
    expect(all.data.clips.at(-1).id).toBe(last.id);
  });

  test("add takes clip_ids or clip_id, not both and not neither", async () => {
    const owner = await createUser(t);
    const id = await newPlaylist(owner);
    const clip = await createClip(t, null);
    for (const body of [{}, { clip_id: clip.id, clip_ids: [clip.id] }, { clip_ids: [] }, { clip_id: "x" }]) {
      expect((await apiCall(t, "POST", `/playlists/${id}/clips`, owner, body)).status, JSON.stringify(body)).toBe(400);
    }
  });
});

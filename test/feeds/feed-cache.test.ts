import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { clips } from "../../src/db/schema";
import { cacheStats } from "../../src/platform/cache/stats";
import { GAME, submit, twitchClip } from "../submissions/support";
import { apiCall } from "../support/api";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { type FakeTwitch, startFakeTwitch } from "../support/fake-twitch";
import { createUser, type TestUser } from "../support/users";

/**
 * Feed pages are cached as id lists (FEED_LIST_TTL_S) over clip rows cached per clip scope: a vote rebuilds its
 * clip's row and nothing else, while writes that change which clips a feed holds drop the lists at once. The lists
 * here live a minute, so "not rebuilt" cannot be an accident of timing.
 */
let t: TestContext;
let fake: FakeTwitch;
let owner: TestUser;
let voters: TestUser[];
let moderator: TestUser;
let admin: TestUser;
beforeAll(async () => {
  fake = startFakeTwitch();
  fake.games.set(GAME.id, GAME);
  t = await createTestContext({ ...fake.env, FEED_LIST_TTL_S: "60" });
  owner = await createUser(t);
  voters = [await createUser(t), await createUser(t)];
  moderator = await createUser(t, { role: "moderator" });
  admin = await createUser(t, { role: "admin" });
}, 120_000);
afterAll(async () => {
  await t.close();
  await fake.stop();
});

type FeedClip = { id: string; vote_score: number; user_vote?: number; is_favorited: boolean };
const stats = (namespace: string) => cacheStats()[namespace] ?? { hits: 0, misses: 0, errors: 0 };
const uniqueGame = () => `g${randomUUID().slice(0, 12)}`;
const feedOf = async (ctx: TestContext, query: string, headers?: Record<string, string>) => {
  const res = await ctx.request(`/api/v1/feeds/clips?${query}`, { headers });
  expect(res.status).toBe(200);
  return (await json(res)).clips as FeedClip[];
};
const feed = (query: string, headers?: Record<string, string>) => feedOf(t, query, headers);
const ids = (clips: FeedClip[]) => clips.map((c) => c.id);
const vote = (ctx: TestContext, voter: TestUser, clipId: string, value: number) =>
  apiCall(ctx, "POST", `/clips/${clipId}/vote`, voter, { vote: value });

/** Two feed clips of a game of their own: `first` is newer, so it leads `sort=top` while the scores tie. */
async function twoClips(ctx: TestContext = t, submitter = owner) {
  const gameId = uniqueGame();
  const second = await createClip(ctx, submitter.id, { gameId, createdAt: new Date(Date.now() - 7_200_000) });
  const first = await createClip(ctx, submitter.id, { gameId });
  return { gameId, first, second };
}

describe("feed pages over per-clip rows", () => {
  test("a vote shows at once; the page's id list and the other clip's row are served from the cache", async () => {
    const { gameId, first, second } = await twoClips();
    const query = `game_id=${gameId}&sort=top`;
    expect(ids(await feed(query))).toEqual([first.id, second.id]);
    const lists = stats("feed-lists");
    const rows = stats("clip-json");

    expect((await vote(t, voters[0]!, second.id, 1)).status).toBe(200);
    const after = await feed(query);
    expect(after.map((c) => [c.id, c.vote_score])).toEqual([
      [first.id, 0],
      [second.id, 1],
    ]);
    expect(stats("feed-lists")).toMatchObject({ hits: lists.hits + 1, misses: lists.misses });
    // Only the voted clip is built again.
    expect(stats("clip-json")).toMatchObject({ hits: rows.hits + 1, misses: rows.misses + 1 });
  });

  test("a cached anonymous page is sent as stored: no clip's row or JSON is read again", async () => {
    const { gameId } = await twoClips();
    const first = await t.request(`/api/v1/feeds/clips?game_id=${gameId}`);
    const [rows, texts, bodies] = [stats("clip"), stats("clip-json"), stats("feed-bodies")];
    // Another Accept-Encoding than the first request's: the response memo's entry is not this one.
    const again = await t.request(`/api/v1/feeds/clips?game_id=${gameId}`, {
      headers: { "Accept-Encoding": "identity" },
    });
    expect(again.headers.get("content-type")).toStartWith("application/json");
    expect(await again.text()).toBe(await first.text());
    expect(stats("clip")).toEqual(rows);
    expect(stats("clip-json")).toEqual(texts);
    expect(stats("feed-bodies")).toMatchObject({ hits: bodies.hits + 1, misses: bodies.misses });
  });

  test("a signed-in viewer sees their own vote and favourite at once on a cached page", async () => {
    const { gameId, second } = await twoClips();
    const query = `game_id=${gameId}`;
    const voter = voters[1]!;
    await feed(query);
    await feed(query, voter.headers);
    expect((await vote(t, voter, second.id, -1)).status).toBe(200);
    expect((await apiCall(t, "POST", `/clips/${second.id}/favorite`, voter)).status).toBeLessThan(300);

    const mine = (await feed(query, voter.headers)).find((c) => c.id === second.id)!;
    expect(mine).toMatchObject({ vote_score: -1, user_vote: -1, is_favorited: true });
    const anonymous = (await feed(query)).find((c) => c.id === second.id)!;
    expect(anonymous).toMatchObject({ vote_score: -1, is_favorited: false });
    expect(anonymous.user_vote).toBeUndefined();
    const someoneElse = (await feed(query, voters[0]!.headers)).find((c) => c.id === second.id)!;
    expect(someoneElse.user_vote).toBeUndefined();
    expect(someoneElse.is_favorited).toBe(false);
  });

  test("removing a clip or flagging it NSFW takes it off the cached feed at once", async () => {
    const { gameId, first, second } = await twoClips();
    const sfw = `game_id=${gameId}&sort=top&nsfw=false`;
    expect(ids(await feed(sfw))).toEqual([first.id, second.id]);
    const flag = await apiCall(t, "PUT", `/clips/${first.id}`, moderator, { is_nsfw: true });
    expect(flag.status).toBe(200);
    expect(ids(await feed(sfw))).toEqual([second.id]);

    const removed = await apiCall(t, "DELETE", `/clips/${second.id}`, admin, { reason: "spam" });
    expect(removed.status).toBe(200);
    expect(ids(await feed(sfw))).toEqual([]);
    expect(ids(await feed(`game_id=${gameId}&sort=top`))).toEqual([first.id]);
  });

  test("an approved submission appears on the cached feed at once", async () => {
    const streamer = `caster_${randomUUID().slice(0, 8)}`;
    const query = `filter[streamer]=${streamer}`;
    expect(await feed(query)).toEqual([]);
    const submitted = await submit(t, await createUser(t), {
      clip_url: twitchClip(fake, { broadcaster_name: streamer }).id,
    });
    expect(submitted.body.submission.status).toBe("pending");
    const id = submitted.body.submission.id as string;
    expect((await apiCall(t, "POST", `/admin/submissions/${id}/approve`, moderator)).status).toBe(200);
    expect((await feed(query)).length).toBe(1);
  });
});

describe("clip detail over the same per-clip JSON", () => {
  test("a signed-out detail hit is the stored JSON, by id and by slug, and still counts the view", async () => {
    const { first } = await twoClips();
    const path = (key: string) => `/api/v1/clips/${key}`;
    const shown = await t.request(path(first.id));
    expect(shown.status).toBe(200);
    const rows = stats("clip");
    const texts = stats("clip-json");
    for (const key of [first.id, first.twitchClipId]) {
      // Not the first request's Accept-Encoding, so the stored JSON is read (not the response memo's replay).
      const again = await t.request(path(key), { headers: { "Accept-Encoding": "identity" } });
      expect(again.headers.get("content-type")).toStartWith("application/json");
      expect(await again.text()).toBe(await shown.clone().text());
    }
    expect(stats("clip")).toEqual(rows);
    expect(stats("clip-json")).toMatchObject({ hits: texts.hits + 2, misses: texts.misses });
    await t.background.flush();
    const [row] = await t.deps.db.select({ views: clips.viewCount }).from(clips).where(eq(clips.id, first.id));
    expect(row!.views).toBe(3);
  });

  test("a hidden clip is 404 signed out and shown to its submitter; a vote shows on the detail at once", async () => {
    const { first } = await twoClips();
    expect((await t.request(`/api/v1/clips/${first.id}`)).status).toBe(200);
    expect((await vote(t, voters[0]!, first.id, 1)).status).toBe(200);
    expect((await json(await t.request(`/api/v1/clips/${first.id}`))).data.vote_score).toBe(1);
    const hide = await apiCall(t, "PUT", `/clips/${first.id}/visibility`, owner, { is_hidden: true });
    expect(hide.status).toBe(200);
    expect((await t.request(`/api/v1/clips/${first.id}`)).status).toBe(404);
    expect((await t.request(`/api/v1/clips/${first.twitchClipId}`)).status).toBe(404);
    const own = await t.request(`/api/v1/clips/${first.id}`, { headers: owner.headers });
    expect(own.status).toBe(200);
    expect((await json(own)).data).toMatchObject({ is_hidden: true, vote_score: 1 });
  });
});

describe("the order of a ranked feed", () => {
  test("follows a vote once the page's id list expires (FEED_LIST_TTL_S)", async () => {
    const quick = await createTestContext({ FEED_LIST_TTL_S: "1" });
    try {
      const { gameId, first, second } = await twoClips(quick, await createUser(quick));
      const query = `game_id=${gameId}&sort=top`;
      expect(ids(await feedOf(quick, query))).toEqual([first.id, second.id]);
      expect((await vote(quick, await createUser(quick), second.id, 1)).status).toBe(200);
      // The score is current at once; the place follows within the TTL.
      expect((await feedOf(quick, query)).find((c) => c.id === second.id)?.vote_score).toBe(1);
      const deadline = Date.now() + 30_000;
      let order = ids(await feedOf(quick, query));
      while (order[0] !== second.id && Date.now() < deadline) {
        await Bun.sleep(200);
        order = ids(await feedOf(quick, query));
      }
      expect(order).toEqual([second.id, first.id]);
    } finally {
      await quick.close();
    }
  }, 60_000);
});

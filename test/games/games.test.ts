import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { games } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let user: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  user = await createUser(t);
});
afterAll(() => t.close());

const twitchId = () => `${Math.floor(Math.random() * 1e9)}`;
async function insertGame(name = `Game ${randomUUID().slice(0, 6)}`) {
  const [row] = await t.deps.db
    .insert(games)
    .values({ twitchGameId: twitchId(), name, slug: name.toLowerCase().replace(/\W+/g, "-") })
    .returning();
  return row!;
}
const bare = (who: TestUser) => ({ authorization: `Bearer ${who.token}` });

describe("GET /games/:gameId", () => {
  test("by internal UUID and by Twitch id, with stats", async () => {
    const game = await insertGame();
    await createClip(t, user.id, { gameId: game.twitchGameId, gameName: game.name });
    await createClip(t, user.id, { gameId: game.twitchGameId, gameName: game.name, isRemoved: true });

    for (const key of [game.id, game.twitchGameId]) {
      const res = await t.request(`/api/v1/games/${key}`);
      expect(res.status).toBe(200);
      expect((await json(res)).game).toMatchObject({
        id: game.id,
        twitch_game_id: game.twitchGameId,
        name: game.name,
        clip_count: 1,
        follower_count: 0,
        is_following: false,
      });
    }
  });

  test("a Twitch id known only from clips gets a games row derived from them", async () => {
    const id = twitchId();
    await createClip(t, user.id, { gameId: id, gameName: "Derived Game" });
    const body = await json(await t.request(`/api/v1/games/${id}`));
    expect(body.game).toMatchObject({ twitch_game_id: id, name: "Derived Game", slug: "derived-game", clip_count: 1 });
    const [row] = await t.deps.db.select().from(games).where(eq(games.twitchGameId, id));
    expect(row?.id).toBe(body.game.id);
  });

  test("unknown game is 404 {error:'Game not found'}, never 500", async () => {
    for (const key of [randomUUID(), "999999999999", "bad%20id!"]) {
      const res = await t.request(`/api/v1/games/${key}`);
      expect(res.status).toBe(404);
      expect((await json(res)).error).toBe("Game not found");
    }
  });
});

describe("GET /games/:gameId/clips", () => {
  test("paged clips of the game", async () => {
    const game = await insertGame();
    const clips = [];
    for (let i = 0; i < 3; i++) {
      clips.push(await createClip(t, user.id, { gameId: game.twitchGameId, voteScore: i * 10 }));
    }
    const res = await t.request(`/api/v1/games/${game.twitchGameId}/clips?sort=top&limit=2`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ total: 3, page: 1, limit: 2, has_more: true });
    expect(body.clips.map((c: { id: string }) => c.id)).toEqual([clips[2]!.id, clips[1]!.id]);
    const last = await json(await t.request(`/api/v1/games/${game.id}/clips?sort=top&limit=2&page=2`));
    expect(last.clips.map((c: { id: string }) => c.id)).toEqual([clips[0]!.id]);
    expect(last.has_more).toBe(false);
  });

  test("unknown sort falls back to hot; unknown game 404", async () => {
    const game = await insertGame();
    expect((await t.request(`/api/v1/games/${game.id}/clips?sort=bogus&limit=abc`)).status).toBe(200);
    expect((await t.request(`/api/v1/games/${randomUUID()}/clips`)).status).toBe(404);
  });
});

describe("POST/DELETE /games/:gameId/follow", () => {
  test("follow, idempotent, reflected in stats, unfollow", async () => {
    const game = await insertGame();
    const path = `/api/v1/games/${game.twitchGameId}/follow`;
    const res = await t.request(path, { method: "POST", headers: bare(user) });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ message: "Successfully followed game" });
    await t.request(path, { method: "POST", headers: bare(user) });
    const seen = await json(await t.request(`/api/v1/games/${game.id}`, { headers: bare(user) }));
    expect(seen.game).toMatchObject({ follower_count: 1, is_following: true });
    const un = await t.request(path, { method: "DELETE", headers: bare(user) });
    expect(await json(un)).toEqual({ message: "Successfully unfollowed game" });
    expect((await json(await t.request(`/api/v1/games/${game.id}`))).game.follower_count).toBe(0);
  });

  test("anonymous 401, unknown game 404", async () => {
    const game = await insertGame();
    expect((await t.request(`/api/v1/games/${game.id}/follow`, { method: "POST" })).status).toBe(401);
    expect(
      (await t.request(`/api/v1/games/${randomUUID()}/follow`, { method: "POST", headers: bare(user) })).status,
    ).toBe(404);
  });
});

describe("GET /games/trending", () => {
  test("games by clips of the last 7 days", async () => {
    const hot = await insertGame();
    const old = await insertGame();
    for (let i = 0; i < 2; i++) await createClip(t, user.id, { gameId: hot.twitchGameId, voteScore: 5 });
    await createClip(t, user.id, { gameId: old.twitchGameId, createdAt: new Date(Date.now() - 30 * 86_400_000) });
    const res = await t.request("/api/v1/games/trending?limit=100");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ page: 1, limit: 100, has_more: false });
    const entry = body.games.find((g: { id: string }) => g.id === hot.id);
    expect(entry).toMatchObject({
      twitch_game_id: hot.twitchGameId,
      name: hot.name,
      recent_clip_count: 2,
      total_vote_score: 10,
    });
    expect(body.games.some((g: { id: string }) => g.id === old.id)).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { games } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";
import { createTag, searchPath, uniqueWord } from "./fixtures";

let t: TestContext;
let submitter: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  submitter = await createUser(t);
});
afterAll(() => t.close());

describe("GET /search creators, games and tags", () => {
  test("creators by username or display name; banned users and emails never appear", async () => {
    const word = uniqueWord("cr");
    const exact = await createUser(t, { username: word });
    const prefixed = await createUser(t, { username: `${word}_fan`, karma: 500 });
    await createUser(t, { username: `${word}_banned`, banned: true });
    const res = await t.request(searchPath({ q: word, type: "creators" }));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("@example.test");
    expect(text).not.toContain("email");
    const body = JSON.parse(text);
    expect(body.results.creators.map((u: { id: string }) => u.id)).toEqual([exact.id, prefixed.id]);
    expect(body.results.creators[1]).toMatchObject({ username: `${word}_fan`, karma_points: 500 });
    expect(Object.keys(body.results.creators[0]).sort()).toEqual(
      [
        "avatar_url",
        "bio",
        "created_at",
        "display_name",
        "follower_count",
        "id",
        "is_verified",
        "karma_points",
        "role",
        "username",
      ].sort(),
    );
    expect(body.counts.creators).toBe(2);
    expect(body.results.clips).toBeUndefined();
    expect(body.meta).toEqual({ page: 1, limit: 20, total_items: 2, total_pages: 1 });

    const page2 = await json(await t.request(searchPath({ q: word, type: "creators", limit: 1, page: 2 })));
    expect(page2.results.creators.map((u: { id: string }) => u.id)).toEqual([prefixed.id]);
    expect(page2.meta).toEqual({ page: 2, limit: 1, total_items: 2, total_pages: 2 });
  });

  test("games from clips (with clip_count) and from the catalogue", async () => {
    const word = uniqueWord("gm");
    await createClip(t, submitter.id, { gameId: "9001", gameName: `${word} Legends` });
    await createClip(t, submitter.id, { gameId: "9001", gameName: `${word} Legends` });
    await createClip(t, submitter.id, { gameId: "9002", gameName: `${word} Tactics`, isRemoved: true });
    await t.deps.db.insert(games).values({ twitchGameId: "9003", name: `${word} Online`, slug: `${word}-online` });
    const body = await json(await t.request(searchPath({ q: word, type: "games" })));
    expect(body.results.games).toEqual([
      { id: "9001", name: `${word} Legends`, clip_count: 2 },
      { id: "9003", name: `${word} Online`, clip_count: 0 },
    ]);
    expect(body.counts.games).toBe(2);
  });

  test("a game matches by any name its clips give it; clip_count counts the clips so named, visible ones only", async () => {
    const [old, current] = [uniqueWord("go"), uniqueWord("gn")];
    // One Twitch game under its old and new names, an unsubmitted clip no list shows, and a hidden game.
    await createClip(t, submitter.id, { gameId: "9201", gameName: `${old} Legacy` });
    await createClip(t, submitter.id, { gameId: "9201", gameName: `${current} Reborn` });
    await createClip(t, submitter.id, { gameId: "9201", gameName: `${current} Reborn` });
    await createClip(t, null, { gameId: "9201", gameName: `${current} Reborn` });
    await createClip(t, submitter.id, { gameId: "9202", gameName: `${current} Hidden`, isHidden: true });
    const byOld = await json(await t.request(searchPath({ q: old, type: "games" })));
    expect(byOld.results.games).toEqual([{ id: "9201", name: `${old} Legacy`, clip_count: 1 }]);
    const byCurrent = await json(await t.request(searchPath({ q: current, type: "games" })));
    expect(byCurrent.results.games).toEqual([{ id: "9201", name: `${current} Reborn`, clip_count: 2 }]);
    expect(byCurrent.counts.games).toBe(1);
  });

  test("tags by name with usage_count", async () => {
    const word = uniqueWord("tg");
    const popular = await createTag(t, `${word}-clutch`, 40);
    const rare = await createTag(t, `${word}-fail`, 2);
    const body = await json(await t.request(searchPath({ q: word, type: "tags" })));
    expect(body.results.tags.map((tag: { id: string }) => tag.id)).toEqual([popular.id, rare.id]);
    expect(body.results.tags[0]).toMatchObject({ name: popular.name, slug: popular.slug, usage_count: 40 });
    expect(body.counts.tags).toBe(2);
  });

  test("type=all returns every group with counts", async () => {
    const word = uniqueWord("al");
    const user = await createUser(t, { username: `${word}_streams` });
    const clip = await createClip(t, submitter.id, { title: `${word} highlight`, gameId: "9100", gameName: word });
    const tag = await createTag(t, `${word}-moments`);
    const body = await json(await t.request(searchPath({ q: word })));
    expect(body.results.clips.map((c: { id: string }) => c.id)).toEqual([clip.id]);
    expect(body.results.creators.map((u: { id: string }) => u.id)).toEqual([user.id]);
    expect(body.results.games).toEqual([{ id: "9100", name: word, clip_count: 1 }]);
    expect(body.results.tags.map((x: { id: string }) => x.id)).toEqual([tag.id]);
    expect(body.counts).toEqual({ clips: 1, creators: 1, games: 1, tags: 1 });
    expect(body.meta).toEqual({ page: 1, limit: 20, total_items: 4, total_pages: 1 });
    expect(body.facets.languages).toEqual([{ key: "en", count: 1 }]);

    const clipsOnly = await json(await t.request(searchPath({ q: word, type: "clips" })));
    expect(clipsOnly.counts).toEqual({ clips: 1, creators: 1, games: 1, tags: 1 });
    expect(clipsOnly.results.creators).toBeUndefined();
    expect(clipsOnly.meta.total_items).toBe(1);
  });
});

describe("GET /search/suggestions", () => {
  test("fewer than two characters gives no suggestions", async () => {
    for (const q of ["", "a", " b "]) {
      const res = await t.request(`/api/v1/search/suggestions?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect((await json(res)).suggestions).toEqual([]);
    }
    expect((await t.request("/api/v1/search/suggestions")).status).toBe(200);
  });

  test("mixes games, creators, tags and titles, at most ten", async () => {
    const word = uniqueWord("sg");
    for (let i = 0; i < 6; i++) {
      await createClip(t, submitter.id, {
        title: `${word} title ${i}`,
        gameId: `97${i}`,
        gameName: `${word} game ${i}`,
        broadcasterName: `${word}_caster_${i}`,
      });
      await createTag(t, `${word}-tag-${i}`);
    }
    await createUser(t, { username: `${word}_user` });
    await createClip(t, submitter.id, { title: `${word} hidden title`, isHidden: true });
    const body = await json(await t.request(`/api/v1/search/suggestions?q=${word}`));
    expect(body.query).toBe(word);
    expect(body.suggestions.length).toBe(10);
    const types = new Set(body.suggestions.map((s: { type: string }) => s.type));
    expect(types).toEqual(new Set(["game", "creator", "tag", "query"]));
    for (const s of body.suggestions) expect(s.text.toLowerCase()).toContain(word);
    expect(body.suggestions.some((s: { text: string }) => s.text.includes("hidden"))).toBe(false);
  });

  test("a partial word suggests the game", async () => {
    const word = uniqueWord("pw");
    await createClip(t, submitter.id, { gameId: "9800", gameName: `Super ${word}` });
    const body = await json(await t.request(`/api/v1/search/suggestions?q=${word.slice(0, 5)}`));
    expect(body.suggestions).toContainEqual({ text: `Super ${word}`, type: "game" });
  });

  test("a misspelt name still suggests its game and channel; titles complete what is typed", async () => {
    const word = uniqueWord("ms");
    await createClip(t, submitter.id, {
      title: `${word}ish comeback`,
      gameId: "9810",
      gameName: word,
      broadcasterName: `${word}tv`,
    });
    const slip = `${word.slice(0, -2)}${word.at(-2) === "a" ? "b" : "a"}${word.at(-1)}`;
    const misspelt = await json(await t.request(`/api/v1/search/suggestions?q=${slip}`));
    expect(misspelt.suggestions).toContainEqual({ text: word, type: "game" });
    const typed = await json(await t.request(`/api/v1/search/suggestions?q=${word.slice(0, 6)}`));
    expect(typed.suggestions).toContainEqual({ text: `${word}ish comeback`, type: "query" });
    expect(typed.suggestions).toContainEqual({ text: `${word}tv`, type: "creator" });
  });

  test("an overlong q is a 400", async () => {
    expect((await t.request(`/api/v1/search/suggestions?q=${"x".repeat(201)}`)).status).toBe(400);
  });
});

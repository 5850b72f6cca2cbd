import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client";
import { favorites, votes } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";
import { searchPath, uniqueWord } from "./fixtures";

let t: TestContext;
let submitter: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  submitter = await createUser(t);
});
afterAll(() => t.close());

const ids = (body: { results: { clips?: { id: string }[] } }) => (body.results.clips ?? []).map((c) => c.id);

describe("GET /search clips", () => {
  test("a clip of the game the query names ranks above one that mentions it in its title, in both rankings", async () => {
    const word = uniqueWord();
    const gameOnly = await createClip(t, submitter.id, { title: "Unrelated ace", gameName: word, voteScore: 500 });
    const inTitle = await createClip(t, submitter.id, { title: `Huge ${word} play`, voteScore: 0 });
    const res = await t.request(searchPath({ q: word, type: "clips" }));
    expect(res.status).toBe(200);
    const body = await json(res);
    // The game field weighs more than the title in the keyword leg (tuned on the eval set's tune half), and the
    // fused ranking adds the named game on top.
    const keyword = await t.deps.search.searchClips({
      q: word,
      filters: {},
      sort: "relevance",
      page: { offset: 0, limit: 5 },
      facets: false,
    });
    expect(keyword.hits.map((h) => h.id)).toEqual([gameOnly.id, inTitle.id]);
    expect(ids(body)).toEqual([gameOnly.id, inTitle.id]);
    expect(body.query).toBe(word);
    expect(body.counts).toEqual({ clips: 2, creators: 0, games: 1, tags: 0 });
    expect(body.meta).toEqual({ page: 1, limit: 20, total_items: 2, total_pages: 1 });
    expect(body.results.clips[1]).toMatchObject({ title: `Huge ${word} play`, is_favorited: false });
    expect(body.results.clips[1].submitted_by).toMatchObject({ id: submitter.id, username: submitter.username });
  });

  test("matches a prefix of the last term and a misspelt title", async () => {
    const word = uniqueWord();
    const clip = await createClip(t, submitter.id, { title: `Incredible ${word} moment` });
    const prefix = await json(await t.request(searchPath({ q: `incredible ${word.slice(0, 6)}`, type: "clips" })));
    expect(ids(prefix)).toEqual([clip.id]);
    const typo = `${word.slice(0, -2)}${word.at(-2) === "a" ? "b" : "a"}${word.at(-1)}`;
    const fuzzy = await json(await t.request(searchPath({ q: typo, type: "clips" })));
    expect(ids(fuzzy)).toEqual([clip.id]);
  });

  test("the engine answers a prefix from full-text search, ranked above trigram-only matches", async () => {
    const word = uniqueWord();
    const clip = await createClip(t, submitter.id, { title: `Clean ${word} ace` });
    const result = await t.deps.search.searchClips({
      q: word.slice(0, 7),
      filters: {},
      sort: "relevance",
      page: { offset: 0, limit: 5 },
      facets: false,
    });
    expect(result.hits[0]?.id).toBe(clip.id);
    expect(result.hits[0]!.score).toBeGreaterThan(1);
  });

  test("removed, hidden and unsubmitted clips never appear", async () => {
    const word = uniqueWord();
    const visible = await createClip(t, submitter.id, { title: `${word} visible` });
    await createClip(t, submitter.id, { title: `${word} removed`, isRemoved: true });
    await createClip(t, submitter.id, { title: `${word} hidden`, isHidden: true });
    await createClip(t, null, { title: `${word} scraped` });
    const body = await json(await t.request(searchPath({ q: word })));
    expect(ids(body)).toEqual([visible.id]);
    expect(body.counts.clips).toBe(1);
  });

  test("sort recent and popular", async () => {
    const word = uniqueWord();
    const hour = 3_600_000;
    const old = await createClip(t, submitter.id, {
      title: word,
      voteScore: 50,
      createdAt: new Date(Date.now() - 5 * hour),
    });
    const mid = await createClip(t, submitter.id, {
      title: word,
      voteScore: 10,
      createdAt: new Date(Date.now() - 3 * hour),
    });
    const fresh = await createClip(t, submitter.id, {
      title: word,
      voteScore: 30,
      createdAt: new Date(Date.now() - hour),
    });
    const recent = await json(await t.request(searchPath({ q: word, sort: "recent" })));
    expect(ids(recent)).toEqual([fresh.id, mid.id, old.id]);
    const popular = await json(await t.request(searchPath({ q: word, sort: "popular" })));
    expect(ids(popular)).toEqual([old.id, fresh.id, mid.id]);
    const relevance = await json(await t.request(searchPath({ q: word })));
    expect(ids(relevance)).toEqual([old.id, fresh.id, mid.id]);
  });

  test("pages cover every match once with correct totals", async () => {
    const word = uniqueWord();
    const created = new Set<string>();
    for (let i = 0; i < 25; i++) created.add((await createClip(t, submitter.id, { title: `${word} ${i}` })).id);
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const body = await json(await t.request(searchPath({ q: word, type: "clips", limit: 10, page })));
      expect(body.meta).toEqual({ page, limit: 10, total_items: 25, total_pages: 3 });
      seen.push(...ids(body));
    }
    expect(seen.length).toBe(25);
    expect(new Set(seen)).toEqual(created);
    const past = await json(await t.request(searchPath({ q: word, type: "clips", limit: 10, page: 4 })));
    expect(past.results.clips ?? []).toEqual([]);
  });

  test("facets count the whole match set", async () => {
    const word = uniqueWord();
    const hour = 3_600_000;
    const day = 24 * hour;
    const at = (ms: number) => new Date(Date.now() - ms);
    await createClip(t, submitter.id, {
      title: word,
      language: "en",
      gameId: "g1",
      gameName: "Alpha",
      createdAt: at(hour / 2),
    });
    await createClip(t, submitter.id, {
      title: word,
      language: "en",
      gameId: "g1",
      gameName: "Alpha",
      createdAt: at(2 * hour),
    });
    await createClip(t, submitter.id, {
      title: word,
      language: "de",
      gameId: "g2",
      gameName: "Beta",
      createdAt: at(3 * day),
    });
    await createClip(t, submitter.id, {
      title: word,
      language: "de",
      gameId: "g2",
      gameName: "Beta",
      createdAt: at(10 * day),
    });
    await createClip(t, submitter.id, {
      title: word,
      language: "de",
      gameId: "g2",
      gameName: "Beta",
      createdAt: at(60 * day),
    });
    const body = await json(await t.request(searchPath({ q: word, type: "clips", limit: 1 })));
    expect(body.facets.languages).toEqual([
      { key: "de", count: 3 },
      { key: "en", count: 2 },
    ]);
    expect(body.facets.games).toEqual([
      { key: "g2", label: "Beta", count: 3 },
      { key: "g1", label: "Alpha", count: 2 },
    ]);
    expect(body.facets.tags).toEqual([]);
    expect(body.facets.date_range).toEqual({ last_hour: 1, last_day: 1, last_week: 1, last_month: 1, older: 1 });
  });

  test("a signed-in viewer gets user_vote and is_favorited", async () => {
    const word = uniqueWord();
    const viewer = await createUser(t);
    const clip = await createClip(t, submitter.id, { title: word });
    await t.deps.db.insert(votes).values({ userId: viewer.id, clipId: clip.id, voteType: 1 });
    await t.deps.db.insert(favorites).values({ userId: viewer.id, clipId: clip.id });
    const body = await json(await t.request(searchPath({ q: word, type: "clips" }), { headers: viewer.headers }));
    expect(body.results.clips[0]).toMatchObject({ id: clip.id, user_vote: 1, is_favorited: true });
    const anon = await json(await t.request(searchPath({ q: word, type: "clips" })));
    expect(anon.results.clips[0].user_vote).toBeUndefined();
  });

  test("an invalid token is a 401 even on optional auth", async () => {
    const res = await t.request(searchPath({ q: "anything" }), { headers: { authorization: "Bearer nope" } });
    expect(res.status).toBe(401);
  });
});

describe("GET /search hostile input", () => {
  const hostile = [
    "foo & | ! ( ) : * ' \"",
    "'",
    '"',
    "!",
    "a:*",
    "(((",
    "foo <-> bar",
    "-",
    "or",
    "\\",
    "%_%",
    "'; drop table clips; --",
    "x' or '1'='1",
    "😀 ünïcödé",
    "foo:A | !bar & (baz",
    "nul\u0000byte",
    "\u0000\u0001x",
  ];

  test("never a 500, and the SQL is not altered", async () => {
    const word = uniqueWord();
    await createClip(t, submitter.id, { title: `${word} survives` });
    for (const q of hostile) {
      for (const type of ["all", "clips"]) {
        const res = await t.request(searchPath({ q, type }));
        expect({ q, status: res.status }).toEqual({ q, status: 200 });
        const body = await json(res);
        expect(body.query).toBe(q.replace(/\p{Cc}+/gu, " ").trim());
      }
      const suggest = await t.request(`/api/v1/search/suggestions?q=${encodeURIComponent(q)}`);
      expect({ q, status: suggest.status }).toEqual({ q, status: 200 });
    }
    const [row] = await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from clips`);
    expect(row!.n).toBeGreaterThan(0);
    const after = await json(await t.request(searchPath({ q: `${word} & survives`, type: "clips" })));
    expect(after.counts.clips).toBe(1);
  });
});

describe("GET /search validation", () => {
  test("q is required", async () => {
    for (const path of ["/api/v1/search", "/api/v1/search?q=", "/api/v1/search?q=%20%20"]) {
      const res = await t.request(path);
      expect(res.status).toBe(400);
      expect(await json(res)).toEqual({
        success: false,
        error: "Query parameter 'q' is required",
        code: "INVALID_REQUEST",
        request_id: expect.any(String),
      });
    }
  });

  test("bad parameters are 400s", async () => {
    const bad: Record<string, string | number | string[]>[] = [
      { q: "x".repeat(201) },
      { q: "ok", type: "videos" },
      { q: "ok", sort: "hot" },
      { q: "ok", page: "abc" },
      { q: "ok", page: 0 },
      { q: "ok", min_votes: "lots" },
      { q: "ok", date_from: "yesterday" },
      { q: "ok", date_to: "2024-02-30" },
      { q: "ok", limit: "ten" },
      { q: "ok", game_id: "a\u0000b" },
      { q: "ok", tags: "fun\u0000ny" },
      { q: "ok", tags: Array.from({ length: 11 }, (_, i) => `tag-${i}`) },
    ];
    for (const params of bad) {
      const res = await t.request(searchPath(params));
      expect({ params, status: res.status }).toEqual({ params, status: 400 });
      expect((await json(res)).success).toBe(false);
    }
  });

  test("limit over 100 resets to 20 and absurd pages are clamped", async () => {
    const body = await json(await t.request(searchPath({ q: "whatever", limit: 500, page: 999_999_999 })));
    expect(body.meta.limit).toBe(20);
    expect(body.meta.page).toBe(501);
  });
});

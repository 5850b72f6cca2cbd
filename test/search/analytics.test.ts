import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { desc, eq } from "drizzle-orm";
import { loadConfig } from "../../src/config";
import { openPostgres } from "../../src/db/client";
import { searchQueries } from "../../src/db/schema";
import { createSearchLog } from "../../src/modules/search/query-log";
import { createLogger } from "../../src/platform/logger";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";
import { searchPath, uniqueWord } from "./fixtures";

let t: TestContext;
let searcher: TestUser;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  searcher = await createUser(t);
  admin = await createUser(t, { role: "admin" });
});
afterAll(() => t.close());

async function search(q: string, headers?: Record<string, string>, extra: Record<string, string> = {}) {
  const res = await t.request(searchPath({ q, ...extra }), { headers });
  expect(res.status).toBe(200);
}

describe("search logging", () => {
  test("every search is recorded with its filters, result count and user", async () => {
    const word = uniqueWord();
    await createClip(t, searcher.id, { title: word });
    await search(` ${word} `, searcher.headers, { type: "clips", language: "en", "tags[]": "funny" });
    await search(word);
    await t.deps.searchLog.flush();
    const rows = await t.deps.db
      .select()
      .from(searchQueries)
      .where(eq(searchQueries.query, word))
      .orderBy(desc(searchQueries.createdAt));
    expect(rows.length).toBe(2);
    const mine = rows.find((r) => r.userId === searcher.id)!;
    expect(mine.resultCount).toBe(0);
    expect(mine.filters).toMatchObject({ type: "clips", language: "en", tags: ["funny"], sort: "relevance" });
    const anon = rows.find((r) => r.userId === null)!;
    expect(anon.resultCount).toBe(1);
  });
});

describe("batched search log", () => {
  const rowsFor = (query: string) => t.deps.db.select().from(searchQueries).where(eq(searchQueries.query, query));

  test("searches reach the table without a flush, each stamped with the time it ran", async () => {
    const user = await createUser(t);
    const [first, second] = [uniqueWord(), uniqueWord()];
    await search(first, user.headers);
    await Bun.sleep(5);
    await search(second, user.headers);
    let history: { query: string }[] = [];
    for (const started = Date.now(); history.length < 2 && Date.now() - started < 5_000; await Bun.sleep(50)) {
      history = (await json(await t.request("/api/v1/search/history", { headers: user.headers }))).search_history;
    }
    expect(history.map((h) => h.query)).toEqual([second, first]);
  });

  test("a row that cannot be written does not cost the rest of its batch", async () => {
    const log = createSearchLog(t.deps.db, t.deps.logger, { flushAfterMs: 60_000 });
    const [kept, orphan] = [uniqueWord(), uniqueWord()];
    const entry = (query: string, userId?: string) => ({
      query,
      filters: {},
      resultCount: 0,
      userId,
      searchedAt: new Date(),
    });
    log.record(entry(kept));
    log.record(entry(orphan, crypto.randomUUID())); // no such user: a foreign-key violation
    await log.flush();
    expect((await rowsFor(kept)).length).toBe(1);
    expect((await rowsFor(orphan)).length).toBe(0);
  });

  test("an unreachable database loses the batch with one warning, without a retry per row", async () => {
    const lines: string[] = [];
    const logger = createLogger(loadConfig({ NODE_ENV: "test", LOG_LEVEL: "warn" }), {
      write: (line: string) => void lines.push(line),
    });
    const unreachable = openPostgres("postgres://postgres@127.0.0.1:1/none", 2);
    try {
      const log = createSearchLog(unreachable.db, logger, { flushAfterMs: 60_000 });
      for (let i = 0; i < 20; i++) log.record({ query: "lost", filters: {}, resultCount: 0, searchedAt: new Date() });
      await log.flush();
    } finally {
      await unreachable.close();
    }
    const warnings = lines.map((line) => JSON.parse(line));
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toMatchObject({ msg: "search log batch lost: database unavailable", entries: 20 });
  });

  test("a backlog past its bound drops new entries instead of growing", async () => {
    const log = createSearchLog(t.deps.db, t.deps.logger, { flushAfterMs: 60_000, maxBatch: 10, maxQueued: 2 });
    const word = uniqueWord();
    for (let i = 0; i < 3; i++) log.record({ query: word, filters: {}, resultCount: i, searchedAt: new Date() });
    await log.flush();
    expect((await rowsFor(word)).map((r) => r.resultCount).sort()).toEqual([0, 1]);
  });
});

describe("GET /search/history", () => {
  test("returns the caller's own searches, newest first", async () => {
    const user = await createUser(t);
    const [first, second] = [uniqueWord(), uniqueWord()];
    await search(first, user.headers);
    await t.deps.searchLog.flush();
    await search(second, user.headers);
    await search(uniqueWord(), searcher.headers);
    await t.deps.searchLog.flush();
    const res = await t.request("/api/v1/search/history", { headers: user.headers });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.limit).toBe(20);
    expect(body.search_history.map((h: { query: string }) => h.query)).toEqual([second, first]);
    expect(body.search_history[0]).toEqual({ query: second, result_count: 0, created_at: expect.any(String) });
    const one = await json(await t.request("/api/v1/search/history?limit=1", { headers: user.headers }));
    expect(one.search_history.length).toBe(1);
  });

  test("requires auth and a sane limit", async () => {
    expect((await t.request("/api/v1/search/history")).status).toBe(401);
    expect((await t.request("/api/v1/search/history?limit=500", { headers: searcher.headers })).status).toBe(400);
  });
});

describe("GET /search/trending", () => {
  test("ranks repeated successful queries with unique users and average results", async () => {
    const word = uniqueWord("tr");
    await createClip(t, searcher.id, { title: word });
    await search(word, searcher.headers);
    await search(word.toUpperCase(), admin.headers);
    await search(word);
    await t.deps.searchLog.flush();
    const res = await t.request("/api/v1/search/trending?days=1&limit=100");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ days: 1, limit: 100 });
    const entry = body.trending_searches.find((s: { query: string }) => s.query.toLowerCase() === word);
    expect(entry).toMatchObject({ search_count: 3, unique_users: 2, avg_results: 1 });
    expect(body.trending_searches[0].search_count).toBeGreaterThanOrEqual(3);
  });

  test("defaults and bounds", async () => {
    const body = await json(await t.request("/api/v1/search/trending"));
    expect(body).toMatchObject({ days: 7, limit: 20 });
    for (const q of ["days=0", "days=91", "limit=0", "limit=101", "days=abc"]) {
      expect((await t.request(`/api/v1/search/trending?${q}`)).status).toBe(400);
    }
  });
});

describe("GET /search/failed", () => {
  test("admins see zero-result queries", async () => {
    const word = uniqueWord("fl");
    await search(word);
    await search(word, searcher.headers);
    await t.deps.searchLog.flush();
    const res = await t.request("/api/v1/search/failed?days=7", { headers: admin.headers });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ days: 7, limit: 20 });
    const entry = body.failed_searches.find((s: { query: string }) => s.query === word);
    expect(entry).toEqual({ query: word, search_count: 2, last_searched_at: expect.any(String) });
  });

  test("401 anonymous, 403 for a normal user or moderator", async () => {
    expect((await t.request("/api/v1/search/failed")).status).toBe(401);
    const user = await t.request("/api/v1/search/failed", { headers: searcher.headers });
    expect(user.status).toBe(403);
    expect(await json(user)).toMatchObject({ success: false, code: "FORBIDDEN" });
    const moderator = await createUser(t, { role: "moderator" });
    expect((await t.request("/api/v1/search/failed", { headers: moderator.headers })).status).toBe(403);
  });
});

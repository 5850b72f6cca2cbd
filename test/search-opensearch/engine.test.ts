import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { clips } from "../../src/db/schema";
import type { ClipSearchParams } from "../../src/modules/search/engine";
import { createOpenSearchEngine, type OpenSearchEngine } from "../../src/modules/search/opensearch-engine";
import { copyToIndex, diffIds, scanIndex, sourceIds } from "../../src/modules/search/opensearch-sync";
import { createPostgresSearchEngine } from "../../src/modules/search/postgres-engine";
import type { OsClient } from "../../src/platform/search/opensearch-client";
import {
  aliasFor,
  currentIndex,
  deleteIndices,
  ensureIndices,
  INDEX_KINDS,
  refreshIndices,
} from "../../src/platform/search/opensearch-indices";
import { createTag, tagClip, uniqueWord } from "../search/fixtures";
import type { TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser } from "../support/users";
import { contextWithOpenSearch, opensearchUrl } from "./support";

const HOUR = 3_600_000;

describe.skipIf(!opensearchUrl)("OpenSearch engine (real node)", () => {
  let t: TestContext;
  let os: OsClient;
  let engine: OpenSearchEngine;
  const word = uniqueWord();
  const ids = {} as Record<"ace" | "es" | "lol" | "hidden" | "tag", string>;

  async function loadAll() {
    for (const kind of INDEX_KINDS) await copyToIndex(t.deps.db, os, { kind, index: aliasFor(os, kind), batch: 2 });
    await refreshIndices(os);
  }

  beforeAll(async () => {
    t = await contextWithOpenSearch(opensearchUrl!, { OUTBOX_POLL_INTERVAL_MS: "0" });
    os = t.deps.opensearch!.client;
    engine = createOpenSearchEngine(os);
    await ensureIndices(os);
    const user = await createUser(t, { username: `streamer_${word}` });
    const funny = await createTag(t, `Funny ${word.slice(2, 8)}`);
    const now = Date.now();
    const make = async (key: keyof typeof ids, o: Parameters<typeof createClip>[2]) => {
      ids[key] = (await createClip(t, user.id, o)).id;
    };
    await make("ace", { title: `Running ace ${word}`, voteScore: 5, createdAt: new Date(now - 2 * HOUR) });
    await make("es", {
      title: `Clutch ${word}`,
      language: "es",
      voteScore: 9,
      createdAt: new Date(now - 10 * 24 * HOUR),
    });
    await make("lol", {
      title: `Pentakill ${word}`,
      gameId: "21779",
      gameName: "League of Legends",
      createdAt: new Date(now - 40 * 24 * HOUR),
    });
    await make("hidden", { title: `Hidden ${word}`, isHidden: true });
    await tagClip(t, ids.ace, funny.id);
    ids.tag = funny.slug;
    await loadAll();
  });
  afterAll(async () => {
    await deleteIndices(os);
    await t.close();
  });

  const params = (over: Partial<ClipSearchParams> = {}): ClipSearchParams => ({
    q: word,
    filters: {},
    sort: "relevance",
    page: { offset: 0, limit: 20 },
    facets: false,
    ...over,
  });

  test("only searchable clips are indexed; ids, total and sorts", async () => {
    const all = await engine.searchClips(params({ sort: "popular" }));
    expect(all.total).toBe(3);
    expect(all.hits.map((h) => h.id)).toEqual([ids.es, ids.ace, ids.lol]);
    const recent = await engine.searchClips(params({ sort: "recent" }));
    expect(recent.hits.map((h) => h.id)).toEqual([ids.ace, ids.es, ids.lol]);
    const page2 = await engine.searchClips(params({ sort: "recent", page: { offset: 1, limit: 1 } }));
    expect(page2).toMatchObject({ total: 3, hits: [{ id: ids.es }] });
  });

  // Three clips are fewer than a handful, so the loose query answers: the match on both words first, then the rest.
  test("english stemming, typos and prefixes match", async () => {
    const stemmed = await engine.searchClips(params({ q: `runs ${word}` }));
    expect(stemmed.hits[0]?.id).toBe(ids.ace);
    const typo = await engine.searchClips(params({ q: `pentakil ${word}` }));
    expect(typo.hits[0]?.id).toBe(ids.lol);
    const prefix = await engine.searchClips(params({ q: word.slice(0, 8) }));
    expect(prefix.total).toBe(3);
  });

  test("filters match the postgres engine", async () => {
    const pg = createPostgresSearchEngine(t.deps.db);
    const cases: ClipSearchParams["filters"][] = [
      { language: "ES" },
      { gameId: "21779" },
      { minVotes: 5 },
      { tags: [ids.tag] },
      { dateFrom: new Date(Date.now() - 3 * HOUR) },
      { dateTo: new Date(Date.now() - 30 * 24 * HOUR) },
      { broadcasterId: "2002", creatorId: "1001" },
    ];
    for (const filters of cases) {
      const [a, b] = await Promise.all([engine.searchClips(params({ filters })), pg.searchClips(params({ filters }))]);
      expect({ filters, ids: a.hits.map((h) => h.id).sort() }).toEqual({
        filters,
        ids: b.hits.map((h) => h.id).sort(),
      });
    }
  });

  test("facets have the postgres engine's shape and buckets", async () => {
    const { facets } = await engine.searchClips(params({ facets: true }));
    expect(facets!.date_range).toEqual({ last_hour: 0, last_day: 1, last_week: 0, last_month: 1, older: 1 });
    expect(facets!.languages).toEqual([
      { key: "en", count: 2 },
      { key: "es", count: 1 },
    ]);
    expect(facets!.games[0]).toEqual({ key: "516575", label: "VALORANT", count: 2 });
    expect(facets!.tags).toEqual([{ key: ids.tag, label: expect.stringContaining("Funny"), count: 1 }]);
  });

  test("query syntax in user input is just text", async () => {
    for (const q of ["title:* OR 1=1", '{"match_all":{}}', "\\/*?~^", ")))((("]) {
      const res = await engine.searchClips(params({ q }));
      expect(res.total).toBe(0);
    }
  });

  test("creators (never banned), games and tags", async () => {
    const creators = await engine.searchCreators({ q: `streamer_${word}`, page: { offset: 0, limit: 10 } });
    expect(creators.total).toBe(1);
    const games = await engine.searchGames({ q: "league of leg", page: { offset: 0, limit: 10 } });
    expect(games.hits).toEqual([{ id: "21779", name: "League of Legends", clip_count: 1 }]);
    const tags = await engine.searchTags({ q: `funny ${word.slice(2, 8)}`, page: { offset: 0, limit: 10 } });
    expect(tags.total).toBe(1);
  });

  test("consistency: a clip changed behind the index's back shows up as stale, then missing/extra", async () => {
    const clipIndex = aliasFor(os, "clips");
    const clean = diffIds(await sourceIds(t.deps.db, "clips"), await scanIndex(os, clipIndex, true), true);
    expect(clean).toEqual({ missing: [], extra: [], stale: [] });
    await t.deps.db.update(clips).set({ voteScore: 42 }).where(eq(clips.id, ids.ace));
    await t.deps.db.update(clips).set({ isRemoved: true }).where(eq(clips.id, ids.lol));
    await t.deps.db.update(clips).set({ isHidden: false }).where(eq(clips.id, ids.hidden));
    const diff = diffIds(await sourceIds(t.deps.db, "clips"), await scanIndex(os, clipIndex, true), true);
    expect(diff).toEqual({ missing: [ids.hidden], extra: [ids.lol], stale: [ids.ace] });
  });

  test("the alias points at a versioned index", async () => {
    expect(await currentIndex(os, "clips")).toBe(`${aliasFor(os, "clips")}_v1`);
  });
});

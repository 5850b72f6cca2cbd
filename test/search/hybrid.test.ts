import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { createEmbedClipProcessor } from "../../src/jobs/embed-clip";
import { namedIn, namedLanguage, queryPhrases, residualQuery } from "../../src/modules/search/intent";
import type { Candidate } from "../../src/modules/search/pg-candidates";
import { refreshSearchTopics } from "../../src/modules/search/pg-topics";
import { queryLanguage } from "../../src/modules/search/query-language";
import { candidateFeatures, RANK_WEIGHTS, rank } from "../../src/modules/search/rerank";
import { clipVectorModel } from "../../src/platform/embeddings/clip-vectors";
import type { EmbeddingProvider } from "../../src/platform/embeddings/provider";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";
import { createTag, searchPath, tagClip, uniqueWord } from "./fixtures";

const ids = (body: { results: { clips?: { id: string }[] } }) => (body.results.clips ?? []).map((c) => c.id);

/** Every query embeds to e0; a clip stored as cos·e0 + sin·e1 then has exactly the chosen similarity. */
function fixedProvider(model: string): EmbeddingProvider {
  const e0 = Array.from({ length: 512 }, (_, i) => (i === 0 ? 1 : 0));
  return { model, dimensions: 512, embed: async (texts) => texts.map(() => e0) };
}

async function setSimilarity(t: TestContext, clipId: string, model: string, similarity: number) {
  const v = Array.from({ length: 512 }, (_, i) =>
    i === 0 ? similarity : i === 1 ? Math.sqrt(1 - similarity ** 2) : 0,
  );
  await t.deps.db.execute(
    sql`update clips set embedding = ${`[${v.join(",")}]`}::vector, embedding_model = ${clipVectorModel({ model })} where id = ${clipId}`,
  );
}

const candidate = (id: string, over: Partial<Candidate> = {}): Candidate => ({
  id,
  title: "a clip",
  broadcasterId: "b1",
  broadcasterName: "SomeOne",
  gameId: "g1",
  gameName: "Other Game",
  tags: "",
  language: "en",
  createdAt: 0,
  similarity: 0.5,
  ...over,
});

describe("fusion signals (rerank.ts, intent.ts)", () => {
  test("names are found run together, as words, by a colon part, a long suffix or initials", () => {
    const phrases = queryPhrases("quota queen ssbu rainbow six siege pubg bg3 clips");
    for (const name of ["QuotaQueen", "Super Smash Bros. Ultimate", "Tom Clancy's Rainbow Six Siege"])
      expect(namedIn(phrases, name)).toBe(true);
    expect(namedIn(phrases, "PUBG: BATTLEGROUNDS")).toBe(true);
    expect(namedIn(phrases, "Baldur's Gate 3")).toBe(true);
    expect(namedIn(phrases, "Queen Bee")).toBe(false);
    expect(namedIn(queryPhrases("up"), "Only Up!")).toBe(false);
    expect(namedLanguage(queryPhrases("combo auf deutsch"))).toBe("de");
    expect(namedLanguage(queryPhrases("english or korean"))).toBeUndefined();
    expect(residualQuery("marvel snap lucky korean", ["Marvel Snap"])).toBe("lucky");
    expect(residualQuery("killstreak hunt: showdown 1896", ["Hunt: Showdown 1896"])).toBe("killstreak");
  });

  test("at equal similarity a named game counts most, then the query's words; the language adds to them", () => {
    const features = candidateFeatures(
      "clutch ace valorant korean",
      [
        candidate("none"),
        candidate("words", { title: "insane clutches and an ace" }),
        candidate("game", { gameName: "VALORANT" }),
        candidate("all", { title: "clutch ace", gameName: "VALORANT", language: "ko" }),
      ],
      new Map(),
      60,
    );
    expect(rank(features).map((h) => h.id)).toEqual(["all", "game", "words", "none"]);
  });

  test("the language a query is written in: script, telling words and letters; English and ties are none", () => {
    expect(queryLanguage("爆笑シーン")).toBe("ja");
    expect(queryLanguage("보스한테 죽음")).toBe("ko");
    expect(queryLanguage("se enoja y golpea todo")).toBe("es");
    expect(queryLanguage("moment touchant avec les viewers")).toBe("fr");
    expect(queryLanguage("neue Bestzeit")).toBe("de");
    expect(queryLanguage("susto no jogo de terror")).toBe("pt");
    for (const q of ["no way he dies to the boss", "sus play", "remontada", "ça"])
      expect(queryLanguage(q)).toBeUndefined();
  });

  test("among equals, a clip in the language the query is written in comes first", () => {
    const features = candidateFeatures(
      "el mejor clip con todo",
      [candidate("en", { language: "en" }), candidate("es", { language: "es" }), candidate("fr", { language: "fr" })],
      new Map(),
      60,
    );
    expect(rank(features)[0]!.id).toBe("es");
    expect(features.filter((f) => f.written).map((f) => f.id)).toEqual(["es"]);
  });

  test("the keyword rank counts with the first hit at 1, and similarity decides among equals", () => {
    const features = candidateFeatures(
      "zzz",
      [
        candidate("a", { title: "zzz", similarity: 0.2 }),
        candidate("b", { similarity: 0.9 }),
        candidate("c", { similarity: 0.3 }),
      ],
      new Map([["a", 0]]),
      60,
    );
    expect(features.find((f) => f.id === "a")!.lexical).toBe(1);
    expect(rank(features, { ...RANK_WEIGHTS, lexical: 0 }).map((h) => h.id)).toEqual(["b", "c", "a"]);
  });
});

describe("hybrid search (fixed query vector)", () => {
  let t: TestContext;
  let submitter: TestUser;
  beforeAll(async () => {
    t = await createTestContext({
      SEARCH_BM25_DEPTH: "10",
      SEARCH_VECTOR_DEPTH: "20",
      SEARCH_VECTOR_MIN_SIMILARITY: "0.5",
      SEARCH_VECTOR_TIMEOUT_MS: "300",
    });
    submitter = await createUser(t);
  });
  afterAll(() => t.close());

  test("pages cover lexical and vector-only hits once each, without gaps; un-embedded clips stay", async () => {
    const model = `fixed-${uniqueWord()}`;
    t.deps.embeddings = fixedProvider(model);
    const word = uniqueWord();
    const lexical = [];
    for (let i = 0; i < 25; i++)
      lexical.push(await createClip(t, submitter.id, { title: `${word} play ${i}`, voteScore: i }));
    // Some lexical hits also have vectors; the rest were never embedded.
    for (const [i, clip] of lexical.entries()) if (i % 3 === 0) await setSimilarity(t, clip.id, model, 0.6 + i / 100);
    const vectorOnly = [];
    for (let i = 0; i < 8; i++) {
      const clip = await createClip(t, submitter.id, { title: `unrelated ${uniqueWord()}` });
      await setSimilarity(t, clip.id, model, 0.55 + i / 20);
      vectorOnly.push(clip);
    }
    const belowFloor = await createClip(t, submitter.id, { title: `unrelated ${uniqueWord()}` });
    await setSimilarity(t, belowFloor.id, model, 0.3);

    const all = await json(await t.request(searchPath({ q: word, type: "clips", limit: 100 })));
    expect(all.counts.clips).toBe(33);
    const full = ids(all);
    expect(new Set(full)).toEqual(new Set([...lexical, ...vectorOnly].map((c) => c.id)));
    expect(full).not.toContain(belowFloor.id);
    // The best vector-only clip fuses into the lexical top ranks.
    expect(full.indexOf(vectorOnly.at(-1)!.id)).toBeLessThan(5);

    const paged: string[] = [];
    for (let page = 1; page <= 9; page++) {
      const res = await t.request(searchPath({ q: word, type: "clips", limit: 4, page }));
      expect(res.status).toBe(200);
      expect(res.headers.get("x-search-degraded")).toBeNull();
      paged.push(...ids(await json(res)));
    }
    expect(paged).toEqual(full);
  });

  test("filters apply to the vector leg; recent and popular sorts are lexical only", async () => {
    const model = `fixed-${uniqueWord()}`;
    t.deps.embeddings = fixedProvider(model);
    const word = uniqueWord();
    const hit = await createClip(t, submitter.id, { title: `${word} moment` });
    const otherGame = await createClip(t, submitter.id, { title: "elsewhere", gameId: "999" });
    await setSimilarity(t, otherGame.id, model, 0.9);
    const hidden = await createClip(t, submitter.id, { title: "hidden", isHidden: true });
    await setSimilarity(t, hidden.id, model, 0.95);

    const unfiltered = ids(await json(await t.request(searchPath({ q: word, type: "clips" }))));
    expect(unfiltered.toSorted()).toEqual([hit.id, otherGame.id].toSorted());
    const filtered = await json(await t.request(searchPath({ q: word, type: "clips", game_id: "516575" })));
    expect(ids(filtered)).toEqual([hit.id]);
    for (const sort of ["recent", "popular"]) {
      expect(ids(await json(await t.request(searchPath({ q: word, type: "clips", sort }))))).toEqual([hit.id]);
    }
  });

  test("a failing or slow provider falls back to lexical results with X-Search-Degraded: vector", async () => {
    const word = uniqueWord();
    const hit = await createClip(t, submitter.id, { title: `${word} fallback` });
    const failing: EmbeddingProvider = {
      model: "broken",
      dimensions: 512,
      embed: async () => {
        throw new Error("model unavailable");
      },
    };
    const slow: EmbeddingProvider = {
      ...fixedProvider("slow"),
      embed: (texts) => Bun.sleep(1000).then(() => [texts.map(() => [])][0]!),
    };
    for (const provider of [failing, slow]) {
      t.deps.embeddings = provider;
      const res = await t.request(searchPath({ q: word, type: "clips" }));
      expect(res.status).toBe(200);
      expect(res.headers.get("x-search-degraded")).toBe("vector");
      const body = await json(res);
      expect(ids(body)).toEqual([hit.id]);
      expect(body.counts.clips).toBe(1);
    }
  });
});

describe("hybrid search (real USE-lite model)", () => {
  let t: TestContext;
  let lexicalOnly: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ EMBEDDING_PROVIDER: "local" });
    lexicalOnly = await createTestContext({ EMBEDDING_PROVIDER: "local", SEARCH_HYBRID: "false" });
    await t.deps.embeddings.embed(["warm up"]);
  });
  afterAll(async () => {
    await t.close();
    await lexicalOnly.close();
  });

  test('"crazy headshot" finds "insane one tap", which keyword search misses', async () => {
    const submitter = await createUser(t);
    const target = await createClip(t, submitter.id, { title: "insane one tap" });
    const unrelated = await createClip(t, submitter.id, { title: "cooking pasta stream", gameName: "Just Chatting" });
    const process = createEmbedClipProcessor(t.deps);
    await process({ clipId: target.id });
    await process({ clipId: unrelated.id });

    const res = await t.request(searchPath({ q: "crazy headshot", type: "clips" }));
    expect(res.headers.get("x-search-degraded")).toBeNull();
    expect(ids(await json(res))).toEqual([target.id]);

    const other = await createUser(lexicalOnly);
    await createClip(lexicalOnly, other.id, { title: "insane one tap" });
    expect(ids(await json(await lexicalOnly.request(searchPath({ q: "crazy headshot", type: "clips" }))))).toEqual([]);
  });
});

describe("hybrid search: the query's topic (pg-topics.ts)", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ SEARCH_VECTOR_MIN_SIMILARITY: "0.5", CACHE_ENABLED: "false" });
  });
  afterAll(() => t.close());

  test("a clip sharing no word and too far from the query itself is found near the mean of a tag's clips", async () => {
    const model = `fixed-${uniqueWord()}`;
    t.deps.embeddings = fixedProvider(model);
    const submitter = await createUser(t);
    const word = uniqueWord();
    // Something for the query to find, so the fusion runs; the topic is a tag none of the query's words name.
    await createClip(t, submitter.id, { title: `${word} moment` });
    const tag = await createTag(t, uniqueWord("topic"));
    for (let i = 0; i < 5; i++) {
      const tagged = await createClip(t, submitter.id, { title: `tagged ${uniqueWord()}` });
      await tagClip(t, tagged.id, tag.id);
      await setSimilarity(t, tagged.id, model, 0.45);
    }
    // Untagged and at 0.3 from the query (under the 0.5 floor), but nearly on the topic's mean (0.45·e0 + 0.89·e1).
    const onTopic = await createClip(t, submitter.id, { title: `elsewhere ${uniqueWord()}` });
    await setSimilarity(t, onTopic.id, model, 0.3);

    const before = ids(await json(await t.request(searchPath({ q: word, type: "clips", limit: 50 }))));
    expect(before).not.toContain(onTopic.id);
    await refreshSearchTopics(t.deps.db);
    const after = ids(await json(await t.request(searchPath({ q: word, type: "clips", limit: 50 }))));
    expect(after).toContain(onTopic.id);
  });
});

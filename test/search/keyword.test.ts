import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { refreshSearchWords } from "../../src/modules/search/pg-words";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";
import { createTag, searchPath, tagClip, uniqueWord } from "./fixtures";

// The PostgreSQL keyword leg alone (SEARCH_HYBRID=false): OR semantics, tags, split handles, accents, CJK, typos.
let t: TestContext;
let submitter: TestUser;
beforeAll(async () => {
  t = await createTestContext({ SEARCH_HYBRID: "false" });
  submitter = await createUser(t);
});
afterAll(() => t.close());

const search = async (q: string) => {
  const res = await t.request(searchPath({ q, type: "clips" }));
  expect(res.status).toBe(200);
  return ((await json(res)).results.clips ?? []).map((c: { id: string }) => c.id) as string[];
};

describe("keyword search (PostgreSQL)", () => {
  test("a query with a word no clip has still finds the clips with the others, most words first", async () => {
    const [a, b] = [uniqueWord(), uniqueWord()];
    const both = await createClip(t, submitter.id, { title: `${a} ${b} highlight` });
    const one = await createClip(t, submitter.id, { title: `${a} only`, voteScore: 900 });
    expect(await search(`${a} ${b} ${uniqueWord()}`)).toEqual([both.id, one.id]);
    expect(await search(`${a} nothingmatchesthis`)).toEqual(expect.arrayContaining([both.id, one.id]));
  });

  test("word counts kept between searches never hide a new clip: a word found nowhere is counted again", async () => {
    // The engine itself: the API's response cache would replay the first answer for a minute.
    const engine = async (q: string) =>
      (
        await t.deps.search.searchClips({
          q,
          filters: {},
          sort: "relevance",
          page: { offset: 0, limit: 20 },
          facets: false,
        })
      ).hits.map((h) => h.id);
    const word = uniqueWord();
    const slip = `${word.slice(0, -2)}${word.at(-2) === "a" ? "b" : "a"}${word.at(-1)}`;
    const known = await createClip(t, submitter.id, { title: `${word} first` });
    await refreshSearchWords(t.deps.db);
    // Found nowhere, the slip is corrected to the vocabulary's word...
    expect(await engine(slip)).toEqual([known.id]);
    // ...until a clip holds it: then it is a word of its own, at once.
    const fresh = await createClip(t, submitter.id, { title: `${slip} arrives` });
    expect(await engine(slip)).toEqual([fresh.id]);
  });

  test("a broadcaster handle matches its words, and the words match the handle", async () => {
    const word = uniqueWord().slice(0, 8);
    const handle = `Quota${word[2]!.toUpperCase()}${word.slice(3)}_TV99`;
    const clip = await createClip(t, submitter.id, { title: "a plain title", broadcasterName: handle });
    expect(await search(`quota ${word.slice(2)}`)).toContain(clip.id);
    expect(await search(handle.toLowerCase())).toContain(clip.id);
  });

  test("a tag's words find the clip tagged with it, and a renamed tag's new words do", async () => {
    const [word, before, after] = [uniqueWord(), uniqueWord(), uniqueWord()];
    const clip = await createClip(t, submitter.id, { title: "stream title with nothing in it" });
    await tagClip(t, clip.id, (await createTag(t, `${word} run`)).id);
    expect(await search(word)).toEqual([clip.id]);
    const renamed = await createTag(t, before);
    await tagClip(t, clip.id, renamed.id);
    await t.deps.db.execute(sql`update tags set name = ${after}, slug = ${after} where id = ${renamed.id}`);
    expect(await search(after)).toEqual([clip.id]);
    expect(await search(before)).not.toContain(clip.id);
  });

  test("accents fold both ways and stems match", async () => {
    const word = uniqueWord();
    const clip = await createClip(t, submitter.id, { title: `Jugadón épica de ${word}` });
    expect(await search(`jugadon epica ${word}`)).toEqual([clip.id]);
    const plain = await createClip(t, submitter.id, { title: `remontada ${word} increible` });
    expect(await search(`remontada increíble ${word}`)).toEqual([plain.id, clip.id]);
    const stemmed = await createClip(t, submitter.id, { title: `${word} clutches everything` });
    expect(await search(`${word} clutch`)).toContain(stemmed.id);
  });

  test("Japanese titles match by character bigrams", async () => {
    const word = uniqueWord();
    const clip = await createClip(t, submitter.id, { title: `${word}が床を貫通して飛んでいく` });
    expect(await search("床を貫通")).toEqual([clip.id]);
    expect(await search(word)).toEqual([clip.id]);
  });

  test("a misspelt word is matched by trigrams next to an exact one", async () => {
    const word = uniqueWord();
    const clip = await createClip(t, submitter.id, { title: `${word} insane clutch`, gameName: "Valorant" });
    const typo = `${word.slice(0, 4)}${word[5]}${word[4]}${word.slice(6)}`;
    expect(await search(`${typo} clutch`)).toEqual(expect.arrayContaining([clip.id]));
    expect((await search(`${typo} clutch`))[0]).toBe(clip.id);
  });

  test("once the vocabulary is built, a misspelt word is corrected to the word one slip away, and matched exactly", async () => {
    const word = uniqueWord();
    const clip = await createClip(t, submitter.id, { title: `${word} ultra clutch` });
    const other = await createClip(t, submitter.id, { title: `${word.slice(0, -1)}q plain` });
    await refreshSearchWords(t.deps.db);
    const typo = `${word.slice(0, 4)}${word[5]}${word[4]}${word.slice(6)}`;
    expect(await search(`${typo} ultra`)).toEqual([clip.id]);
    // Nothing in the vocabulary is one slip from this word: no trigram guesses, no results.
    expect(await search(`zz${uniqueWord()}`)).toEqual([]);
    expect(await search(`${word.slice(0, -1)}q`)).toEqual([other.id]);
  });

  test("stopwords alone still search, punctuation alone finds nothing and never fails", async () => {
    const clip = await createClip(t, submitter.id, { title: "The Of And" });
    expect(await search("the of and")).toContain(clip.id);
    expect(await search("!!! ???")).toEqual([]);
  });
});

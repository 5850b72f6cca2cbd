import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyToIndex } from "../../src/modules/search/opensearch-sync";
import type { OsClient } from "../../src/platform/search/opensearch-client";
import {
  aliasFor,
  createNextIndex,
  deleteIndices,
  ensureIndices,
  INDEX_KINDS,
  refreshIndices,
  swapAlias,
} from "../../src/platform/search/opensearch-indices";
import { createTag, searchPath, tagClip } from "../search/fixtures";
import { json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser } from "../support/users";
import { contextWithOpenSearch, opensearchUrl } from "./support";

type Key = "queen" | "sniper" | "creme" | "cafe" | "speedrun" | "marshmallow" | "boss" | "apart" | "haus" | "archie";

describe.skipIf(!opensearchUrl)("OpenSearch keyword leg through /api/v1/search (real node)", () => {
  let t: TestContext;
  let os: OsClient;
  const ids = {} as Record<Key, string>;

  beforeAll(async () => {
    // The keyword leg alone: no vector leg fused in, so every hit below is the engine's.
    t = await contextWithOpenSearch(opensearchUrl!, { OUTBOX_POLL_INTERVAL_MS: "0", SEARCH_HYBRID: "false" });
    os = t.deps.opensearch!.client;
    await ensureIndices(os);
    const user = await createUser(t);
    const make = async (key: Key, o: Parameters<typeof createClip>[2]) => {
      ids[key] = (await createClip(t, user.id, o)).id;
    };
    await make("queen", { title: "insane ace on Haven", broadcasterName: "QuotaQueen" });
    await make("sniper", { title: "one tap from across the map", broadcasterName: "xX_Sniper99" });
    await make("archie", { title: "first clear of the tower", broadcasterName: "arcanearchie" });
    await make("creme", { title: "Crème brûlée disaster", gameName: "Just Chatting" });
    await make("cafe", { title: "late night cafe stream" });
    await make("speedrun", { title: "🔴 LIVE | day 4 | !discord" });
    await make("marshmallow", { title: "marshmallow tower collapse" });
    await make("boss", { title: "ボス撃破の瞬間", language: "ja" });
    // The same two characters, not next to each other: not the word 撃破.
    await make("apart", { title: "破片を撃つ", language: "ja" });
    await make("haus", { title: "alle Häuser brennen", language: "de" });
    await tagClip(t, ids.speedrun, (await createTag(t, "speed-run")).id);
    for (const kind of INDEX_KINDS) await copyToIndex(t.deps.db, os, { kind, index: aliasFor(os, kind), batch: 10 });
    await refreshIndices(os);
  });
  afterAll(async () => {
    await deleteIndices(os);
    await t.close();
  });

  async function clipIds(q: string): Promise<string[]> {
    const res = await t.request(searchPath({ q, type: "clips" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-search-failover")).toBeNull();
    return (await json(res)).results.clips.map((c: { id: string }) => c.id);
  }

  test("most of the words are enough, and a query with one sensible word still finds it", async () => {
    expect(await clipIds("insane ace haven yesterday tonight")).toEqual([ids.queen]);
    expect(await clipIds("haven dentist")).toEqual([ids.queen]);
  });

  test("a handle is found by its words, and by itself", async () => {
    expect(await clipIds("quota queen")).toEqual([ids.queen]);
    expect(await clipIds("quotaqueen")).toEqual([ids.queen]);
    expect(await clipIds("sniper 99")).toEqual([ids.sniper]);
    expect(await clipIds("xX_Sniper99")).toEqual([ids.sniper]);
    // One lower-case run has no parts to split: the query's words are joined instead.
    expect(await clipIds("arcane archie")).toEqual([ids.archie]);
  });

  test("a word of a tag slug finds the clip whose title says nothing", async () => {
    expect(await clipIds("speed run")).toEqual([ids.speedrun]);
  });

  test("accents fold both ways", async () => {
    expect(await clipIds("creme brulee")).toEqual([ids.creme]);
    expect(await clipIds("Crème Brûlée")).toEqual([ids.creme]);
    expect(await clipIds("café")).toEqual([ids.cafe]);
  });

  test("a one-letter typo matches", async () => {
    expect(await clipIds("marshmalow")).toEqual([ids.marshmallow]);
  });

  test("Japanese matches by character bigrams", async () => {
    expect(await clipIds("撃破")).toEqual([ids.boss]);
  });

  test("a title is also stemmed in its clip's language", async () => {
    // German stems Häuser to haus; neither the english stemmer nor a one-letter typo gets there.
    expect(await clipIds("Haus")).toEqual([ids.haus]);
  });

  test("an index built from an older mapping is reported until search-reindex rebuilds it", async () => {
    expect(await ensureIndices(os)).toEqual([]);
    const clipIndex = aliasFor(os, "clips");
    await os.request({ method: "PUT", path: `/${clipIndex}_v9`, body: { mappings: { properties: {} } } });
    await swapAlias(os, "clips", `${clipIndex}_v9`);
    expect(await ensureIndices(os)).toEqual(["clips"]);
    const rebuilt = await createNextIndex(os, "clips", false);
    await copyToIndex(t.deps.db, os, { kind: "clips", index: rebuilt, batch: 10 });
    await os.request({ method: "POST", path: `/${rebuilt}/_refresh` });
    await swapAlias(os, "clips", rebuilt);
    expect(rebuilt).toBe(`${clipIndex}_v10`);
    expect(await ensureIndices(os)).toEqual([]);
    expect(await clipIds("quota queen")).toEqual([ids.queen]);
  });
});

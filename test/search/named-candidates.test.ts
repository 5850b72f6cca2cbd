import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { EmbeddingProvider } from "../../src/platform/embeddings/provider";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser } from "../support/users";
import { searchPath, uniqueWord } from "./fixtures";

const ids = (body: { results: { clips?: { id: string }[] } }) => (body.results.clips ?? []).map((c) => c.id);
const search = async (t: TestContext, params: Record<string, string>) =>
  ids(await json(await t.request(searchPath({ type: "clips", ...params }))));

/** Every query embeds to one vector no clip has (none is embedded): the vector leg finds nothing on its own. */
const silentProvider: EmbeddingProvider = {
  model: "silent",
  dimensions: 512,
  embed: async (texts) => texts.map(() => Array.from({ length: 512 }, (_, i) => (i === 0 ? 1 : 0))),
};

const capitalised = (w: string) => w[0]!.toUpperCase() + w.slice(1);

describe("candidates the query names without either leg finding them (fusion.ts)", () => {
  let t: TestContext;
  const word = uniqueWord();
  const handle = `${capitalised(uniqueWord("qa"))}Fox`;
  const game = { gameId: `g${uniqueWord()}`, gameName: "Five Nights at Freddy's: Security Breach" };
  const hour = 3_600_000;
  const at = new Date(Date.now() - 100 * hour);
  const clip: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestContext();
    t.deps.embeddings = silentProvider;
    const user = await createUser(t);
    const make = async (key: string, over: Parameters<typeof createClip>[2]) => {
      clip[key] = (await createClip(t, user.id, over)).id;
    };
    // Built before any search: the game catalogue is read once per process (game-names.ts).
    await make("onChannel", {
      title: "betrays the team on the drop pod",
      broadcasterName: handle,
      broadcasterId: "7001",
    });
    // Six clips hold the query's other words: past the keyword leg's any-word fallback (under 5 hits).
    for (let i = 0; i < 6; i++) await make(`other${i}`, { title: `${word} fire isn't ${i}`, broadcasterId: `710${i}` });
    await make("inGame", { title: "late night shift", ...game });
    const moment = { broadcasterName: "MomentMaker", broadcasterId: "7200", gameId: "516575" };
    await make("titled", { title: `${word} slams the desk after the boss`, ...moment, createdAt: at });
    await make("sameMoment", { title: "controller flies across the room", ...moment, createdAt: new Date(+at + hour) });
    await make("laterStream", { title: "controller flies again", ...moment, createdAt: new Date(+at + 10 * hour) });
  });
  afterAll(() => t.close());

  test("a handle run together finds the channel's clips that hold none of the query's other words", async () => {
    const q = `${word} fire ${handle.toLowerCase()}`;
    const found = await search(t, { q });
    expect(found[0]).toBe(clip.onChannel!);
    expect(found).toContain(clip.other0!);
    // Filters still hold for what the name adds.
    expect(await search(t, { q, game_id: "999999" })).toEqual([]);
  });

  test("a game's initials find its clips, which never spell them", async () => {
    expect(await search(t, { q: "fnaf" })).toEqual([clip.inGame!]);
  });

  test("a clip's title finds the other clips of its moment, not the channel's later streams", async () => {
    const found = await search(t, { q: `${word} slams the desk after the boss` });
    expect(found.slice(0, 2)).toEqual([clip.titled!, clip.sameMoment!]);
    expect(found).not.toContain(clip.laterStream!);
  });
});

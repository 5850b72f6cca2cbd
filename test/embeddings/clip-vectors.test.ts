import { describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { type ClipParts, clipVectorModel, composeClipVectors } from "../../src/platform/embeddings/clip-vectors";
import { hashEmbedding } from "../../src/platform/embeddings/hashing";
import type { EmbeddingProvider } from "../../src/platform/embeddings/provider";
import { composedHashVector, expectVectorClose } from "./fixtures";

/** The hashing provider under a model id of its own (the part cache is per model), recording every call. */
function countingProvider(fail = () => false) {
  const calls: string[][] = [];
  const provider: EmbeddingProvider = {
    model: `counting-${randomUUID()}`,
    dimensions: 512,
    embed: async (texts) => {
      calls.push(texts);
      await Bun.sleep(5);
      if (fail()) throw new Error("model unavailable");
      return texts.map(hashEmbedding);
    },
  };
  return { provider, calls };
}

const clip = (title: string, over: Partial<ClipParts> = {}): ClipParts => ({
  title,
  game_name: "Minecraft",
  broadcaster_name: "xqc",
  tags: ["speedrun", "funny"],
  ...over,
});

describe("clip vector composition", () => {
  test("the stored model id names the provider's model and the recipe", () => {
    expect(clipVectorModel({ model: "use-lite-en-0.2.0" })).toBe("use-lite-en-0.2.0+parts-v2");
  });

  test("weighted sum of title, game, mean of tags and broadcaster; blank parts are skipped", async () => {
    const { provider } = countingProvider();
    const [full, bare] = await composeClipVectors(provider, [
      clip("World record run"),
      clip("Just talking", { game_name: " ", tags: ["", "chill"], broadcaster_name: "" }),
    ]);
    expectVectorClose(
      full!,
      composedHashVector([
        ["World record run", 1],
        ["Minecraft", 0.5],
        ["speedrun", 0.75],
        ["funny", 0.75],
        ["xqc", 0.2],
      ]),
    );
    expectVectorClose(
      bare!,
      composedHashVector([
        ["Just talking", 1],
        ["chill", 1.5],
      ]),
    );
  });

  test("one embed call per batch; repeated games, tags and broadcasters come from the cache, titles never do", async () => {
    const { provider, calls } = countingProvider();
    const first = [clip("Run one"), clip("Run two", { game_name: "minecraft " }), clip("Run three", { tags: null })];
    await composeClipVectors(provider, first);
    expect(calls).toHaveLength(1);
    // Three titles, then each distinct normalised part once ("Minecraft" and "minecraft " are one part).
    expect(calls[0]).toEqual(["Run one", "Run two", "Run three", "minecraft", "xqc", "speedrun", "funny"]);

    const [again] = await composeClipVectors(provider, [clip("Run one"), clip("Run four")]);
    expect(calls[1]).toEqual(["Run one", "Run four"]);
    expectVectorClose(
      again!,
      composedHashVector([
        ["Run one", 1],
        ["Minecraft", 0.5],
        ["speedrun", 0.75],
        ["funny", 0.75],
        ["xqc", 0.2],
      ]),
    );
  });

  test("concurrent batches needing the same new part embed it once", async () => {
    const { provider, calls } = countingProvider();
    const game = `Game ${randomUUID()}`;
    await Promise.all(["a", "b", "c"].map((t) => composeClipVectors(provider, [clip(t, { game_name: game })])));
    const texts = calls.flat();
    expect(texts.filter((t) => t === game.toLowerCase())).toHaveLength(1);
    expect(texts.filter((t) => t === "xqc")).toHaveLength(1);
  });

  test("a failed call caches nothing: the next batch embeds its parts again", async () => {
    let failing = true;
    const { provider, calls } = countingProvider(() => failing);
    await expect(composeClipVectors(provider, [clip("First try")])).rejects.toThrow(/model unavailable/);
    failing = false;
    await composeClipVectors(provider, [clip("Second try")]);
    expect(calls[1]).toEqual(["Second try", "minecraft", "xqc", "speedrun", "funny"]);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client";
import { createEmbedClipProcessor, enqueueStaleEmbeddings } from "../../src/jobs/embed-clip";
import { createProcessors } from "../../src/jobs/processors";
import { buildJob, enqueueJob } from "../../src/jobs/queues";
import { clipVectorModel } from "../../src/platform/embeddings/clip-vectors";
import { HASHING_MODEL_ID } from "../../src/platform/embeddings/hashing";
import type { InProcessQueue } from "../../src/platform/jobs/in-process-queue";
import { PermanentJobError } from "../../src/platform/jobs/jobs";
import { createTag, tagClip, uniqueWord } from "../search/fixtures";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";
import { composedHashVector, expectVectorClose } from "./fixtures";

let t: TestContext;
let submitter: TestUser;
beforeAll(async () => {
  // In-process jobs even when TEST_REDIS_URL is set, so the test can wait for them with drain().
  t = await createTestContext({ EMBEDDING_PROVIDER: "hashing", REDIS_URL: "" });
  submitter = await createUser(t);
});
afterAll(() => t.close());

async function stored(clipId: string) {
  const [row] = await queryRows<{ embedding: string | null; embedding_model: string | null; embedded_at: unknown }>(
    t.deps.db,
    sql`select embedding::text, embedding_model, embedded_at from clips where id = ${clipId}`,
  );
  return row!;
}
const parse = (text: string) => JSON.parse(text) as number[];
const MODEL = clipVectorModel({ model: HASHING_MODEL_ID });
const expectVector = (stored: string | null, expected: number[]) => expectVectorClose(parse(stored!), expected);

describe("embed-clip processor", () => {
  test("a queued job stores title + 0.5 game + 1.5 mean of tags + 0.2 broadcaster, normalized; model and time", async () => {
    const clip = await createClip(t, submitter.id, { title: "Insane one tap", creatorName: "fan123" });
    const [a, b] = [await createTag(t, uniqueWord("tag")), await createTag(t, uniqueWord("tag"))];
    await tagClip(t, clip.id, a.id);
    await tagClip(t, clip.id, b.id);
    await enqueueJob(t.deps.jobs, buildJob("embed-clip", { clipId: clip.id }, 1));
    await (t.deps.jobs as InProcessQueue).drain();

    const row = await stored(clip.id);
    expect(row.embedding_model).toBe(MODEL);
    expect(MODEL).toBe(`${HASHING_MODEL_ID}+parts-v2`);
    expect(row.embedded_at).not.toBeNull();
    // The clipper (creator_name) is not part of the vector.
    expectVector(
      row.embedding,
      composedHashVector([
        ["Insane one tap", 1],
        ["VALORANT", 0.5],
        [a.name, 0.75],
        [b.name, 0.75],
        ["some_streamer", 0.2],
      ]),
    );
  });

  test("a clip without game or tags is its title plus the broadcaster part", async () => {
    const clip = await createClip(t, submitter.id, { title: "Cooking pasta live", gameName: null, gameId: null });
    await createEmbedClipProcessor(t.deps)({ clipId: clip.id });
    expectVector(
      (await stored(clip.id)).embedding,
      composedHashVector([
        ["Cooking pasta live", 1],
        ["some_streamer", 0.2],
      ]),
    );
  });

  test("is registered for queue embed, job embed-clip", () => {
    expect(typeof createProcessors(t.deps).embed?.["embed-clip"]).toBe("function");
  });

  test("a bad payload is a permanent failure", async () => {
    const processor = createEmbedClipProcessor(t.deps);
    for (const payload of [undefined, {}, { clipId: "not-a-uuid" }, { clipId: 42 }, "x"]) {
      await expect(processor(payload)).rejects.toBeInstanceOf(PermanentJobError);
    }
  });

  test("a missing or removed clip is a no-op", async () => {
    const processor = createEmbedClipProcessor(t.deps);
    await processor({ clipId: randomUUID() });
    const removed = await createClip(t, submitter.id, { isRemoved: true });
    await processor({ clipId: removed.id });
    expect((await stored(removed.id)).embedding).toBeNull();
  });
});

describe("embed jobs running together", () => {
  /** The test's provider, recording each model call and refusing any text that mentions "poison". */
  function recordingProvider() {
    const calls: string[][] = [];
    const embeddings = {
      model: t.deps.embeddings.model,
      dimensions: t.deps.embeddings.dimensions,
      embed: async (texts: string[]) => {
        calls.push(texts);
        if (texts.some((text) => text.includes("poison"))) throw new Error("the model refused a text");
        return t.deps.embeddings.embed(texts);
      },
    };
    return { calls, process: createEmbedClipProcessor({ db: t.deps.db, embeddings }) };
  }

  test("share one model call and one write, and every clip gets its own vector", async () => {
    const { calls, process } = recordingProvider();
    const titles = Array.from({ length: 6 }, () => uniqueWord("together"));
    const clips = await Promise.all(titles.map((title) => createClip(t, submitter.id, { title })));
    await Promise.all(clips.map((clip) => process({ clipId: clip.id })));
    expect(calls.length).toBe(1);
    expect(calls[0]!.slice(0, 6).sort()).toEqual([...titles].sort());
    for (const [i, clip] of clips.entries()) {
      const row = await stored(clip.id);
      expect(row.embedding_model).toBe(MODEL);
      expectVector(
        row.embedding,
        composedHashVector([
          [titles[i]!, 1],
          ["VALORANT", 0.5],
          ["some_streamer", 0.2],
        ]),
      );
    }
  });

  test("a clip the model refuses fails only its own job", async () => {
    const { process } = recordingProvider();
    const [good, bad, alsoGood] = await Promise.all(
      [uniqueWord("fine"), "poison pill", uniqueWord("fine")].map((title) => createClip(t, submitter.id, { title })),
    );
    const results = await Promise.allSettled([good, bad, alsoGood].map((clip) => process({ clipId: clip!.id })));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((await stored(good!.id)).embedding_model).toBe(MODEL);
    expect((await stored(alsoGood!.id)).embedding_model).toBe(MODEL);
    expect((await stored(bad!.id)).embedding).toBeNull();
  });
});

describe("stale embeddings at worker start", () => {
  test("clips without a vector, from another model or from the previous recipe are queued and re-embedded", async () => {
    const fresh = await createClip(t, submitter.id);
    const old = await createClip(t, submitter.id);
    const wholeText = await createClip(t, submitter.id);
    const current = await createClip(t, submitter.id);
    const processor = createEmbedClipProcessor(t.deps);
    for (const clip of [current, old, wholeText]) await processor({ clipId: clip.id });
    await t.deps.db.execute(sql`update clips set embedding_model = 'old-model' where id = ${old.id}`);
    // Before parts-v1 a clip's vector was the provider's vector of one long text, stored under the bare model id.
    await t.deps.db.execute(sql`update clips set embedding_model = ${HASHING_MODEL_ID} where id = ${wholeText.id}`);
    const currentBefore = await stored(current.id);

    const queued = await enqueueStaleEmbeddings(t.deps);
    await (t.deps.jobs as InProcessQueue).drain();

    expect(queued).toBeGreaterThanOrEqual(3);
    for (const clip of [fresh, old, wholeText]) expect((await stored(clip.id)).embedding_model).toBe(MODEL);
    expect(await stored(current.id)).toEqual(currentBefore);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client";
import { createEmbedClipProcessor, EMBED_CLIP_JOB, enqueueStaleEmbeddings } from "../../src/jobs/embed-clip";
import { createProcessors } from "../../src/jobs/processors";
import { clipEmbeddingText } from "../../src/platform/embeddings/clip-embeddings";
import { HASHING_MODEL_ID, hashEmbedding } from "../../src/platform/embeddings/hashing";
import type { InProcessQueue } from "../../src/platform/jobs/in-process-queue";
import { PermanentJobError } from "../../src/platform/jobs/jobs";
import { createTag, tagClip, uniqueWord } from "../search/fixtures";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

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

describe("clip embedding text", () => {
  test("title, game, broadcaster, a different clipper and tags; the clipper is left out when it is the streamer", () => {
    const base = { title: "Insane one tap", game_name: "VALORANT", broadcaster_name: "shroud", tags: ["fps", "ace"] };
    expect(clipEmbeddingText({ ...base, creator_name: "fan123" })).toBe(
      "Insane one tap. VALORANT. shroud. fan123. fps, ace",
    );
    expect(clipEmbeddingText({ ...base, creator_name: "Shroud", game_name: null, tags: null })).toBe(
      "Insane one tap. shroud",
    );
  });
});

describe("embed-clip processor", () => {
  test("a queued job stores the clip's vector (tags included), model and time", async () => {
    const clip = await createClip(t, submitter.id, { title: "Insane one tap", creatorName: "fan123" });
    const tag = await createTag(t, uniqueWord("tag"));
    await tagClip(t, clip.id, tag.id);
    await t.deps.jobs.enqueue("embed", EMBED_CLIP_JOB, { clipId: clip.id }, { jobId: `embed-${clip.id}` });
    await (t.deps.jobs as InProcessQueue).drain();

    const row = await stored(clip.id);
    expect(row.embedding_model).toBe(HASHING_MODEL_ID);
    expect(row.embedded_at).not.toBeNull();
    const expected = hashEmbedding(
      clipEmbeddingText({
        title: "Insane one tap",
        game_name: "VALORANT",
        broadcaster_name: "some_streamer",
        creator_name: "fan123",
        tags: [tag.name],
      }),
    );
    const vector = parse(row.embedding!);
    expect(vector).toHaveLength(512);
    for (const [i, v] of vector.entries()) expect(v).toBeCloseTo(expected[i]!, 5);
  });

  test("is registered for queue embed, job embed-clip", () => {
    expect(typeof createProcessors(t.deps).embed?.[EMBED_CLIP_JOB]).toBe("function");
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

describe("stale embeddings at worker start", () => {
  test("clips without a vector or from another model are queued and re-embedded", async () => {
    const fresh = await createClip(t, submitter.id);
    const old = await createClip(t, submitter.id);
    const current = await createClip(t, submitter.id);
    const processor = createEmbedClipProcessor(t.deps);
    await processor({ clipId: current.id });
    await processor({ clipId: old.id });
    await t.deps.db.execute(sql`update clips set embedding_model = 'old-model' where id = ${old.id}`);
    const currentBefore = await stored(current.id);

    const queued = await enqueueStaleEmbeddings(t.deps);
    await (t.deps.jobs as InProcessQueue).drain();

    expect(queued).toBeGreaterThanOrEqual(2);
    expect((await stored(fresh.id)).embedding_model).toBe(HASHING_MODEL_ID);
    expect((await stored(old.id)).embedding_model).toBe(HASHING_MODEL_ID);
    expect(await stored(current.id)).toEqual(currentBefore);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createEmbedClipProcessor } from "../../src/jobs/embed-clip";
import { readManifest, USE_MULTILINGUAL_DIR } from "../../src/platform/embeddings/use-multilingual/files";
import { searchPath } from "../search/fixtures";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser } from "../support/users";

const ids = (body: { results: { clips?: { id: string }[] } }) => (body.results.clips ?? []).map((c) => c.id);
const present = readManifest(USE_MULTILINGUAL_DIR) !== undefined;

// Skipped only without the model files (bun run models:fetch); CI fetches them first.
describe.skipIf(!present)("search with EMBEDDING_PROVIDER=use-multilingual (real model)", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ EMBEDDING_PROVIDER: "use-multilingual" });
    await t.deps.embeddings.embed(["warm up"]);
  });
  afterAll(() => t.close());

  test("an English query finds a Japanese title it shares no word with, and not an unrelated one", async () => {
    const submitter = await createUser(t);
    const japanese = await createClip(t, submitter.id, { title: "信じられないクラッチ" });
    const unrelated = await createClip(t, submitter.id, { title: "cooking pasta stream", gameName: "Just Chatting" });
    const embed = createEmbedClipProcessor(t.deps);
    await embed({ clipId: japanese.id });
    await embed({ clipId: unrelated.id });

    const res = await t.request(searchPath({ q: "unbelievable clutch", type: "clips" }));
    expect(res.headers.get("x-search-degraded")).toBeNull();
    expect(ids(await json(res))).toEqual([japanese.id]);
  });
});

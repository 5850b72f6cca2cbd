import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Worker } from "bullmq";
import { startOutboxRelay } from "../../src/jobs/outbox-relay";
import { createProcessors } from "../../src/jobs/processors";
import { writeOutbox } from "../../src/modules/outbox/repo";
import { connectRedis } from "../../src/platform/redis";
import type { OsClient } from "../../src/platform/search/opensearch-client";
import { aliasFor, deleteIndices, ensureIndices } from "../../src/platform/search/opensearch-indices";
import { closeWorkers, startWorkers } from "../../workers/start-workers";
import { searchPath, uniqueWord } from "../search/fixtures";
import { json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { silentLogger } from "../support/jobs";
import { createUser, type TestUser } from "../support/users";
import { contextWithOpenSearch, eventually, opensearchUrl } from "./support";

/** BullMQ keys are not prefixed per test, so this file's queues live in a Redis database of their own. */
function redisDb(url: string, db: number) {
  const parsed = new URL(url);
  parsed.pathname = `/${db}`;
  return parsed.toString();
}
const bullmq = Boolean(process.env.TEST_REDIS_URL && process.env.TEST_DATABASE_URL);

describe.skipIf(!opensearchUrl)("search pipeline: outbox → relay → search-index jobs → OpenSearch", () => {
  let t: TestContext;
  let os: OsClient;
  let owner: TestUser;
  let admin: TestUser;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const env: Record<string, string> = { OUTBOX_POLL_INTERVAL_MS: "50" };
    if (bullmq) env.REDIS_URL = redisDb(process.env.TEST_REDIS_URL!, 14);
    t = await contextWithOpenSearch(opensearchUrl!, env);
    os = t.deps.opensearch!.client;
    await ensureIndices(os);
    if (bullmq) {
      // The API only produces; run what workers/main.ts runs: the relay and one worker per queue.
      const connection = await connectRedis(env.REDIS_URL!, "worker", silentLogger);
      const workers: Worker[] = startWorkers({
        connection,
        processors: createProcessors(t.deps),
        logger: t.deps.logger,
      });
      const relay = startOutboxRelay({
        db: t.deps.db,
        jobs: t.deps.jobs,
        logger: t.deps.logger,
        ...t.deps.config.outbox,
      });
      stops.push(
        () => relay.stop(),
        () => closeWorkers(workers),
        async () => connection.disconnect(),
      );
    }
    owner = await createUser(t);
    admin = await createUser(t, { role: "admin" });
  });
  afterAll(async () => {
    for (const stop of stops) await stop();
    await deleteIndices(os);
    await t.close();
  });

  async function indexed(id: string) {
    const res = await os.request<{ found: boolean; _source?: Record<string, unknown> }>({
      method: "GET",
      path: `/${aliasFor(os, "clips")}/_doc/${id}`,
      ignore: [404],
    });
    return res.body.found ? res.body._source : undefined;
  }

  async function searchIds(params: Record<string, string>) {
    const res = await t.request(searchPath({ type: "clips", ...params }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-search-failover")).toBeNull();
    return (await json(res)).results.clips?.map((c: { id: string }) => c.id) ?? [];
  }

  test("a new clip, an edit, a vote, a tag, a tag deletion and a removal reach the index within seconds", async () => {
    const word = uniqueWord();
    const clip = await createClip(t, owner.id, { title: `insane clutch ${word}` });
    await writeOutbox(t.deps.db, { aggregateType: "clip", aggregateId: clip.id });
    await eventually(async () => expect(await searchIds({ q: word })).toEqual([clip.id]));

    const renamed = uniqueWord();
    const edit = await t.request(`/api/v1/clips/${clip.id}/metadata`, {
      method: "PUT",
      headers: owner.headers,
      body: JSON.stringify({ title: `flawless ace ${renamed}` }),
    });
    expect(edit.status).toBe(200);
    await eventually(async () => expect((await indexed(clip.id))?.title).toBe(`flawless ace ${renamed}`));
    await eventually(async () => expect(await searchIds({ q: renamed })).toEqual([clip.id]));
    await eventually(async () => expect(await searchIds({ q: word })).toEqual([]));

    const voter = await createUser(t);
    const vote = await t.request(`/api/v1/clips/${clip.id}/vote`, {
      method: "POST",
      headers: voter.headers,
      body: JSON.stringify({ vote: 1 }),
    });
    expect(vote.status).toBe(200);
    await eventually(async () => expect((await indexed(clip.id))?.vote_score).toBe(1));
    await eventually(async () => expect(await searchIds({ q: renamed, min_votes: "1" })).toEqual([clip.id]));

    const slug = `t${uniqueWord().slice(2, 10)}`;
    const tagged = await t.request(`/api/v1/clips/${clip.id}/tags`, {
      method: "POST",
      headers: admin.headers,
      body: JSON.stringify({ tag_slugs: [slug] }),
    });
    expect(tagged.status).toBe(200);
    await eventually(async () => expect((await indexed(clip.id))?.tags).toEqual([slug]));
    await eventually(async () => expect(await searchIds({ q: renamed, "tags[]": slug })).toEqual([clip.id]));

    const tagId = (await json(tagged)).tags.find((tag: { slug: string }) => tag.slug === slug).id;
    const dropped = await t.request(`/api/v1/admin/tags/${tagId}`, { method: "DELETE", headers: admin.headers });
    expect(dropped.status).toBe(200);
    await eventually(async () => expect((await indexed(clip.id))?.tags).toEqual([]));

    const removed = await t.request(`/api/v1/clips/${clip.id}`, {
      method: "DELETE",
      headers: admin.headers,
      body: JSON.stringify({ reason: "test" }),
    });
    expect(removed.status).toBe(200);
    await eventually(async () => expect(await indexed(clip.id)).toBeUndefined());
    await eventually(async () => expect(await searchIds({ q: renamed })).toEqual([]));
  });
});

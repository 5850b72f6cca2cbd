import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { createSearchIndexProcessors } from "../../src/jobs/index-clip";
import { relayOutboxBatch } from "../../src/jobs/outbox-relay";
import type { JobQueue } from "../../src/platform/jobs/jobs";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createFakeOsClient } from "../support/fake-opensearch";
import { createUser, type TestUser } from "../support/users";

const uniqueGameId = () => String(100_000_000 + Math.floor(Math.random() * 900_000_000));

describe("index-clip job, counted against an in-memory OpenSearch", () => {
  let t: TestContext;
  let owner: TestUser;
  beforeAll(async () => {
    t = await createTestContext({ OUTBOX_POLL_INTERVAL_MS: "0" });
    owner = await createUser(t);
  });
  afterAll(() => t.close());

  /** Relays the outbox by hand and runs the clip's search-index jobs with the fake client. */
  async function relayAndIndex(os: ReturnType<typeof createFakeOsClient>, clipId: string) {
    const added: { name: string; payload: unknown }[] = [];
    const queue = { enqueue: async (_q, name, payload) => void added.push({ name, payload }) } as JobQueue;
    while ((await relayOutboxBatch(t.deps.db, queue, 100)) > 0) {}
    const processors = createSearchIndexProcessors(t.deps.db, os.client);
    const mine = added.filter((j) => j.name === "index-clip" && JSON.stringify(j.payload).includes(clipId));
    expect(mine.length).toBe(1);
    await processors["index-clip"](mine[0]!.payload);
  }

  const doc = (os: ReturnType<typeof createFakeOsClient>, kind: string, id: string) =>
    os.indices.get(`fake_${kind}`)?.get(id);

  test("a vote re-indexes the clip alone (one read, one bulk write): its game is not re-synced", async () => {
    const os = createFakeOsClient();
    const gameId = uniqueGameId();
    const clip = await createClip(t, owner.id, { gameId, gameName: `Game ${gameId}` });
    await createSearchIndexProcessors(t.deps.db, os.client)["index-clip"]({ id: clip.id });
    expect(doc(os, "games", gameId)?.clip_count).toBe(1);
    os.requests.length = 0;

    const voter = await createUser(t);
    const res = await t.request(`/api/v1/clips/${clip.id}/vote`, {
      method: "POST",
      headers: voter.headers,
      body: JSON.stringify({ vote: 1 }),
    });
    expect(res.status).toBe(200);
    await relayAndIndex(os, clip.id);

    expect(doc(os, "clips", clip.id)?.vote_score).toBe(1);
    expect(os.requests.flatMap(os.touched)).not.toContain("fake_games");
    expect(os.requests.map((r) => `${r.method} ${r.path.split("/").slice(0, 3).join("/")}`)).toEqual([
      "GET /fake_clips/_doc",
      "POST /_bulk",
    ]);
  });

  test("a clip that moves to another game re-syncs both games; a removed clip re-syncs its game", async () => {
    const os = createFakeOsClient();
    const index = createSearchIndexProcessors(t.deps.db, os.client)["index-clip"];
    const [from, to] = [uniqueGameId(), uniqueGameId()];
    const clip = await createClip(t, owner.id, { gameId: from, gameName: `Game ${from}` });
    await createClip(t, owner.id, { gameId: to, gameName: `Game ${to}` });
    await index({ id: clip.id });
    expect(doc(os, "games", from)?.clip_count).toBe(1);

    await t.deps.db.execute(sql`update clips set game_id = ${to}, game_name = ${`Game ${to}`} where id = ${clip.id}`);
    await index({ id: clip.id });
    expect(doc(os, "games", from)).toBeUndefined();
    expect(doc(os, "games", to)?.clip_count).toBe(2);
    expect(doc(os, "clips", clip.id)?.game_id).toBe(to);

    await t.deps.db.execute(sql`update clips set is_removed = true where id = ${clip.id}`);
    await index({ id: clip.id });
    expect(doc(os, "games", to)?.clip_count).toBe(1);
    expect(doc(os, "clips", clip.id)).toBeUndefined();
  });
});

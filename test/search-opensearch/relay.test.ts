import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq, inArray } from "drizzle-orm";
import { outbox } from "../../src/db/schema";
import { createSearchIndexProcessors } from "../../src/jobs/index-clip";
import { jobFor, relayOutboxBatch } from "../../src/jobs/outbox-relay";
import { writeOutbox } from "../../src/modules/outbox/repo";
import { type JobQueue, PermanentJobError } from "../../src/platform/jobs/jobs";
import { registry } from "../../src/platform/metrics/registry";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser } from "../support/users";
import { eventually } from "./support";

const relayFailures = () => registry.getSingleMetric("outbox_relay_failed_batches_total")!.get();

function recordingQueue() {
  const added: { queue: string; name: string; payload: unknown; jobId?: string }[] = [];
  const queue: JobQueue = {
    kind: "in-process",
    enqueue: async (q, name, payload, options) => void added.push({ queue: q, name, payload, jobId: options?.jobId }),
    counts: async () => ({
      "search-index": { waiting: 0, active: 0, failed: 0 },
      embed: { waiting: 0, active: 0, failed: 0 },
      notifications: { waiting: 0, active: 0, failed: 0 },
    }),
    close: async () => {},
  };
  return { queue, added };
}

describe("outbox relay (the relay of this context is off; batches are driven by hand)", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ OUTBOX_POLL_INTERVAL_MS: "0" });
  });
  afterAll(() => t.close());

  test("maps rows to deterministic jobs", () => {
    const id = "8d3c6f8e-2f43-4f8c-9a38-7a1b1c0d9e11";
    const row = (topic: string, aggregate_type: string) => ({ id: 7, topic, aggregate_type, aggregate_id: id });
    expect(jobFor(row("search-index", "clip"))).toEqual({
      queue: "search-index",
      name: "index-clip",
      payload: { id },
      jobId: `index-clip-${id}-7`,
    });
    expect(jobFor(row("search-index", "user"))?.name).toBe("index-user");
    expect(jobFor(row("search-index", "tag"))?.name).toBe("index-tag");
    expect(jobFor(row("embed", "clip"))).toEqual({
      queue: "embed",
      name: "embed-clip",
      payload: { clipId: id },
      jobId: `embed-${id}-7`,
    });
    expect(jobFor(row("embed", "user"))).toBeUndefined();
  });

  test("one job per aggregate and topic per batch, rows marked processed in id order, nothing left", async () => {
    const user = await createUser(t);
    const clip = await createClip(t, user.id);
    await t.deps.db.transaction(async (tx) => {
      await writeOutbox(tx, { aggregateType: "clip", aggregateId: clip.id });
      await writeOutbox(tx, {
        aggregateType: "clip",
        aggregateId: clip.id,
        topics: ["search-index", "embed"],
      });
      await writeOutbox(tx, { aggregateType: "user", aggregateId: user.id });
    });
    const { queue, added } = recordingQueue();
    let consumed = 0;
    for (let n = await relayOutboxBatch(t.deps.db, queue, 2); n > 0; n = await relayOutboxBatch(t.deps.db, queue, 2)) {
      consumed += n;
    }
    expect(consumed).toBeGreaterThanOrEqual(4);
    const mine = added.filter((j) => JSON.stringify(j.payload).includes(clip.id));
    // Batches of 2 split the clip's two search events at most once; the embed event is its own job.
    expect(mine.filter((j) => j.name === "embed-clip").length).toBe(1);
    expect(mine.filter((j) => j.name === "index-clip").length).toBeOneOf([1, 2]);
    const pending = await t.deps.db
      .select()
      .from(outbox)
      .where(inArray(outbox.aggregateId, [clip.id, user.id]));
    expect(pending.every((r) => r.processedAt !== null)).toBe(true);
  });

  test("concurrent relays never hand out the same row twice (SKIP LOCKED)", async () => {
    const user = await createUser(t);
    const clips = await Promise.all(Array.from({ length: 6 }, () => createClip(t, user.id)));
    for (const c of clips) await writeOutbox(t.deps.db, { aggregateType: "clip", aggregateId: c.id });
    const { queue, added } = recordingQueue();
    const runs = await Promise.all([1, 2, 3].map(() => relayOutboxBatch(t.deps.db, queue, 2)));
    await relayOutboxBatch(t.deps.db, queue, 100);
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const ids = added.map((j) => j.jobId);
    expect(new Set(ids).size).toBe(ids.length);
    const indexed = added.filter((j) => j.name === "index-clip").map((j) => (j.payload as { id: string }).id);
    expect(indexed.filter((id) => clips.some((c) => c.id === id)).sort()).toEqual(clips.map((c) => c.id).sort());
  });

  test("a batch that cannot be enqueued stays pending with attempts and last_error, is counted, then relays", async () => {
    const user = await createUser(t);
    await writeOutbox(t.deps.db, { aggregateType: "user", aggregateId: user.id });
    const failures = () => relayFailures().then((m) => m.values[0]?.value ?? 0);
    const before = await failures();
    const down: JobQueue = {
      ...recordingQueue().queue,
      enqueue: async () => {
        throw new Error("Connection is closed.");
      },
    };
    await expect(relayOutboxBatch(t.deps.db, down, 100)).rejects.toThrow("Connection is closed.");
    expect(await failures()).toBe(before + 1);
    const rows = () => t.deps.db.select().from(outbox).where(eq(outbox.aggregateId, user.id));
    expect((await rows()).length).toBeGreaterThan(0);
    for (const row of await rows()) {
      expect(row).toMatchObject({ processedAt: null, attempts: 1, lastError: "Connection is closed." });
    }
    await relayOutboxBatch(t.deps.db, recordingQueue().queue, 100);
    for (const row of await rows()) {
      expect(row.processedAt).not.toBeNull();
      expect(row.attempts).toBe(2);
    }
  });

  test("search-index processors: bad payloads fail for good; without OpenSearch they do nothing", async () => {
    const processors = createSearchIndexProcessors(t.deps.db, undefined);
    for (const bad of [undefined, {}, { id: "not-a-uuid" }, { id: 42 }]) {
      expect(processors["index-clip"]!(bad)).rejects.toBeInstanceOf(PermanentJobError);
    }
    await processors["index-clip"]!({ id: crypto.randomUUID() });
    await processors["index-user"]!({ id: crypto.randomUUID() });
    await processors["index-tag"]!({ id: crypto.randomUUID() });
  });
});

describe("outbox relay started by deps (in-process queue)", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ OUTBOX_POLL_INTERVAL_MS: "50" });
  });
  afterAll(() => t.close());

  test.skipIf(Boolean(process.env.TEST_REDIS_URL && process.env.TEST_DATABASE_URL))(
    "a vote's outbox row is consumed within a few seconds",
    async () => {
      const owner = await createUser(t);
      const voter = await createUser(t);
      const clip = await createClip(t, owner.id);
      const res = await t.request(`/api/v1/clips/${clip.id}/vote`, {
        method: "POST",
        headers: voter.headers,
        body: JSON.stringify({ vote: 1 }),
      });
      expect(res.status).toBe(200);
      await eventually(async () => {
        const rows = await t.deps.db.select().from(outbox).where(eq(outbox.aggregateId, clip.id));
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((r) => r.processedAt !== null)).toBe(true);
      });
    },
  );
});

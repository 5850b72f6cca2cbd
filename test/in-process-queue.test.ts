import { describe, expect, test } from "bun:test";
import { createInProcessQueue } from "../src/platform/jobs/in-process-queue";
import { JOB_ATTEMPTS, PermanentJobError } from "../src/platform/jobs/jobs";
import { flaky, silentLogger } from "./support/jobs";

describe("in-process queue", () => {
  const queue = () => createInProcessQueue(silentLogger, 1);

  test("retries a transient failure, then succeeds", async () => {
    const jobs = queue();
    const { calls, processor } = flaky(2);
    jobs.setProcessors({ "search-index": { index: processor } });
    await jobs.enqueue("search-index", "index", { id: 1 });
    await jobs.drain();
    expect(calls).toEqual([{ id: 1 }, { id: 1 }, { id: 1 }]);
    expect((await jobs.counts())["search-index"]).toEqual({ waiting: 0, active: 0, failed: 0 });
  });

  test("gives up after JOB_ATTEMPTS, and at once on a PermanentJobError or an unknown job", async () => {
    const jobs = queue();
    const always = flaky(Number.POSITIVE_INFINITY);
    const permanent = flaky(1, () => new PermanentJobError("bad payload"));
    jobs.setProcessors({ "search-index": { always: always.processor }, embed: { permanent: permanent.processor } });
    await jobs.enqueue("search-index", "always", {});
    await jobs.enqueue("embed", "permanent", {});
    await jobs.enqueue("embed", "unknown", {});
    await jobs.drain();
    expect(always.calls).toHaveLength(JOB_ATTEMPTS);
    expect(permanent.calls).toHaveLength(1);
    const counts = await jobs.counts();
    expect(counts["search-index"].failed).toBe(1);
    expect(counts.embed.failed).toBe(2);
  });

  test("a waiting job with the same jobId is not added twice", async () => {
    const jobs = queue();
    const { calls, processor } = flaky(0);
    jobs.setProcessors({ embed: { embed: processor } });
    // Enqueued in one tick, so the first is still waiting when the second arrives.
    await Promise.all([
      jobs.enqueue("embed", "embed", { n: 1 }, { jobId: "embed-1" }),
      jobs.enqueue("embed", "embed", { n: 2 }, { jobId: "embed-1" }),
      jobs.enqueue("embed", "embed", { n: 3 }, { jobId: "embed-2" }),
    ]);
    await jobs.drain();
    expect(calls).toEqual([{ n: 1 }, { n: 3 }]);
    await jobs.enqueue("embed", "embed", { n: 4 }, { jobId: "embed-1" });
    await jobs.drain();
    expect(calls).toHaveLength(3);
  });

  test("drain resolves at once when idle and close drops waiting work", async () => {
    const jobs = queue();
    await jobs.drain();
    const { calls, processor } = flaky(0);
    jobs.setProcessors({ embed: { embed: processor } });
    await jobs.close();
    await jobs.enqueue("embed", "embed", {});
    await jobs.drain();
    expect(calls).toHaveLength(0);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createProcessors } from "../src/jobs/processors";
import { buildJob, JOBS, type JobName, QUEUE_NAMES, SCAN_VERSION } from "../src/jobs/queues";
import { PermanentJobError } from "../src/platform/jobs/jobs";
import { createTestContext, type TestContext } from "./support/app";

const id = "8d3c6f8e-2f43-4f8c-9a38-7a1b1c0d9e11";

describe("job contract (src/jobs/queues.ts)", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ OUTBOX_POLL_INTERVAL_MS: "0" });
  });
  afterAll(() => t.close());

  test("every job has a processor, registered under its own queue and nowhere else", () => {
    const processors = createProcessors(t.deps);
    for (const name of Object.keys(JOBS) as JobName[]) {
      for (const queue of QUEUE_NAMES) {
        expect(typeof processors[queue]?.[name]).toBe(queue === JOBS[name].queue ? "function" : "undefined");
      }
    }
  });

  test("one job id format, <prefix>-<subject>-<version>; a payload that does not fit is refused at enqueue", () => {
    expect(buildJob("index-user", { id }, 42).jobId).toBe(`index-user-${id}-42`);
    expect(buildJob("embed-clip", { clipId: id }, SCAN_VERSION)).toEqual({
      queue: "embed",
      name: "embed-clip",
      payload: { clipId: id },
      jobId: `embed-${id}-0`,
    });
    expect(() => buildJob("embed-clip", { clipId: "nope" }, 1)).toThrow(/embed-clip: invalid payload[\s\S]*clipId/);
  });

  test("a processor given a payload that does not fit fails for good, naming the job and the field", async () => {
    const processors = createProcessors(t.deps);
    const bad = [
      [processors.embed?.["embed-clip"], { id }, /embed-clip: invalid payload[\s\S]*clipId/],
      [processors["search-index"]?.["index-tag"], { id: "x" }, /index-tag: invalid payload[\s\S]*id/],
    ] as const;
    for (const [processor, payload, message] of bad) {
      const err = await processor!(payload).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PermanentJobError);
      expect((err as Error).message).toMatch(message);
    }
  });
});

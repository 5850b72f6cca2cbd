import { afterEach, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { type Job, Queue, type Worker } from "bullmq";
import { BULLMQ_PREFIX, createBullmqQueue } from "../src/platform/jobs/bullmq-queue";
import { JOB_ATTEMPTS, PermanentJobError, type Processor } from "../src/platform/jobs/jobs";
import { connectRedis } from "../src/platform/redis";
import { closeWorkers, startWorkers } from "../workers/start-workers";
import { createEmptyPostgresDatabase } from "./support/database";
import { flaky, silentLogger as logger } from "./support/jobs";
import { spawnBun } from "./support/process";

const databaseUrl = process.env.TEST_DATABASE_URL;
// BullMQ's key prefix is fixed, so worker tests get their own Redis database instead of a prefix per test.
const redisUrl = process.env.TEST_REDIS_URL && withDb(process.env.TEST_REDIS_URL, 15);

function withDb(url: string, db: number) {
  const parsed = new URL(url);
  parsed.pathname = `/${db}`;
  return parsed.toString();
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(!redisUrl)("BullMQ worker (TEST_REDIS_URL)", () => {
  async function setup(processors: Record<string, Processor>) {
    const producer = await connectRedis(redisUrl!, "api", logger);
    const consumer = await connectRedis(redisUrl!, "worker", logger);
    const jobs = createBullmqQueue(producer);
    const [worker] = startWorkers({
      connection: consumer,
      processors: { embed: processors },
      logger,
      queues: ["embed"],
    });
    const inspect = new Queue("embed", { connection: producer, prefix: BULLMQ_PREFIX });
    cleanups.push(async () => {
      await closeWorkers([worker!]);
      await Promise.all([jobs.close(), inspect.close()]);
      producer.disconnect();
      consumer.disconnect();
    });
    return { jobs, worker: worker!, inspect };
  }

  /** Resolves when the job completes, or fails for good (BullMQ emits `failed` for every failed attempt). */
  function finished(worker: Worker, jobId: string) {
    return new Promise<{ state: "completed" | "failed"; job: Job }>((resolve) => {
      worker.on("completed", (job) => job.id === jobId && resolve({ state: "completed", job }));
      worker.on("failed", (job, err) => {
        if (job?.id !== jobId) return;
        if (err.name === "UnrecoverableError" || job.attemptsMade >= (job.opts.attempts ?? 1)) {
          resolve({ state: "failed", job });
        }
      });
    });
  }

  test("a job enqueued through createBullmqQueue is processed once", async () => {
    const name = `probe-${randomUUID()}`;
    const { calls, processor } = flaky(0);
    const { jobs, worker, inspect } = await setup({ [name]: processor });
    const jobId = `once-${randomUUID()}`;
    const done = finished(worker, jobId);
    await jobs.enqueue("embed", name, { clipId: "c1" }, { jobId });
    await jobs.enqueue("embed", name, { clipId: "c1" }, { jobId });
    expect((await done).state).toBe("completed");
    expect(calls).toEqual([{ clipId: "c1" }]);
    expect(await inspect.getJobState(jobId)).toBe("completed");
  });

  test("a PermanentJobError fails the job after one attempt", async () => {
    const name = `permanent-${randomUUID()}`;
    const { calls, processor } = flaky(Number.POSITIVE_INFINITY, () => new PermanentJobError("never valid"));
    const { jobs, worker, inspect } = await setup({ [name]: processor });
    const jobId = `perm-${randomUUID()}`;
    const done = finished(worker, jobId);
    await jobs.enqueue("embed", name, {}, { jobId });
    const { state, job } = await done;
    expect(state).toBe("failed");
    expect(job.opts.attempts).toBe(JOB_ATTEMPTS);
    expect(job.attemptsMade).toBe(1);
    expect(calls).toHaveLength(1);
    expect(await inspect.getJobState(jobId)).toBe("failed");
  });

  test("a transient error is retried with backoff", async () => {
    const name = `transient-${randomUUID()}`;
    const { calls, processor } = flaky(1);
    const { jobs, worker } = await setup({ [name]: processor });
    const jobId = `retry-${randomUUID()}`;
    const done = finished(worker, jobId);
    await jobs.enqueue("embed", name, { n: 1 }, { jobId });
    expect((await done).state).toBe("completed");
    expect(calls).toHaveLength(2);
  });

  test("an unknown job name fails at once", async () => {
    const { jobs, worker } = await setup({});
    const jobId = `unknown-${randomUUID()}`;
    const done = finished(worker, jobId);
    await jobs.enqueue("embed", `nobody-${randomUUID()}`, {}, { jobId });
    const { state, job } = await done;
    expect(state).toBe("failed");
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toContain("no processor for embed/");
  });
});

describe("worker process", () => {
  test("refuses to start without REDIS_URL", async () => {
    const worker = spawnBun("workers/main.ts", { LOG_LEVEL: "silent" });
    expect(await worker.exit()).toBe(2);
    const { stderr } = await worker.output();
    expect(stderr).toContain("REDIS_URL is not set");
    expect(stderr).toContain("in-process");
  });

  test.skipIf(!redisUrl || !databaseUrl)("starts, reports health and exits 0 on SIGTERM", async () => {
    const database = await createEmptyPostgresDatabase(databaseUrl!, "worker");
    cleanups.push(database.drop);

    const worker = spawnBun("workers/main.ts", {
      REDIS_URL: redisUrl!,
      DATABASE_URL: database.url,
      HOST: "127.0.0.1",
      WORKER_HEALTH_PORT: "0",
      LOG_LEVEL: "info",
      SHUTDOWN_TIMEOUT_MS: "5000",
    });
    cleanups.push(async () => void worker.proc.kill("SIGKILL"));
    const started = JSON.parse(await worker.waitForLine((line) => line.includes('"worker started"')));
    // The retention job is scheduled in the worker (src/jobs/retention.ts), with the configured periods.
    expect(started.retention).toEqual({
      intervalMs: 3_600_000,
      days: { outbox: 7, refreshTokens: 30, searchQueries: 90 },
    });
    // The job side only (src/background.ts): no view counter, trending refresh or search log in the worker.
    expect(started.background).toEqual([
      "outbox-relay",
      "retention",
      "account-deletion",
      "analytics-rollup",
      "search-words",
      "stale-embeddings",
    ]);
    const health = await fetch(`http://127.0.0.1:${started.healthPort}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });

    worker.proc.kill("SIGTERM");
    // Exit 0 means it finished within its own SHUTDOWN_TIMEOUT_MS (it exits 1 past it); the wait here is generous.
    expect(await worker.exit(30_000)).toBe(0);
    expect((await worker.output()).stdout).toContain("worker shutting down");
  });
});

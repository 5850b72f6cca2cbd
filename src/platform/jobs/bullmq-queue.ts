import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { redisErrorListener } from "../redis";
import { withTraceContext } from "../tracing/jobs";
import { JOB_ATTEMPTS, JOB_BACKOFF_MS, type JobQueue, QUEUE_NAMES, type QueueName } from "./jobs";

// Hash-tagged prefix keeps every key of a queue in one Redis Cluster slot.
export const BULLMQ_PREFIX = "{clipper}";

export const defaultJobOptions = {
  attempts: JOB_ATTEMPTS,
  backoff: { type: "exponential", delay: JOB_BACKOFF_MS },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

/** Producer side, used by the API: the worker process consumes these queues. */
export function createBullmqQueue(connection: Redis): JobQueue {
  const onError = redisErrorListener(connection);
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => {
      const queue = new Queue(name, { connection, prefix: BULLMQ_PREFIX, defaultJobOptions });
      queue.on("error", onError);
      return [name, queue];
    }),
  ) as Record<QueueName, Queue>;
  return {
    kind: "bullmq",
    queues: Object.values(queues),
    enqueue: async (queue, name, payload, options = {}) => {
      await queues[queue].add(name, withTraceContext(payload), { jobId: options.jobId });
    },
    counts: async () => {
      const entries = await Promise.all(
        QUEUE_NAMES.map(async (q) => {
          const c = await queues[q].getJobCounts("waiting", "active", "failed", "delayed");
          return [q, { waiting: (c.waiting ?? 0) + (c.delayed ?? 0), active: c.active ?? 0, failed: c.failed ?? 0 }];
        }),
      );
      return Object.fromEntries(entries);
    },
    close: async () => {
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}

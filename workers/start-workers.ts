import { type Job, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { BULLMQ_PREFIX } from "../src/platform/jobs/bullmq-queue";
import { PermanentJobError, type ProcessorMap, QUEUE_NAMES, type QueueName } from "../src/platform/jobs/jobs";
import type { Logger } from "../src/platform/logger";
import { timedJob } from "../src/platform/metrics/timed";
import { redisErrorListener } from "../src/platform/redis";
import { runTracedJob } from "../src/platform/tracing/jobs";

export interface StartWorkersOptions {
  /** A dedicated connection: BullMQ workers block on it, so it must not be shared with the API's commands. */
  connection: Redis;
  processors: ProcessorMap;
  logger: Logger;
  /** Jobs in flight per queue (default 1 each). */
  concurrency?: Partial<Record<QueueName, number>>;
  prefix?: string;
  queues?: readonly QueueName[];
}

/** Runs one job: looks its processor up by name and turns a job that can never succeed into a final failure. */
export function createJobHandler(queue: QueueName, processors: ProcessorMap) {
  return async (job: Job): Promise<void> => {
    const processor = processors[queue]?.[job.name];
    if (!processor) throw new UnrecoverableError(`no processor for ${queue}/${job.name}`);
    try {
      await timedJob(queue, job.name, () => runTracedJob(queue, job.name, job.data, processor));
    } catch (err) {
      if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
      throw err;
    }
  };
}

/** One BullMQ Worker per queue, consuming what `createBullmqQueue` enqueues. */
export function startWorkers(options: StartWorkersOptions): Worker[] {
  const { connection, processors, logger, concurrency = {}, prefix = BULLMQ_PREFIX, queues = QUEUE_NAMES } = options;
  const onError = redisErrorListener(connection);
  return queues.map((queue) => {
    const worker = new Worker(queue, createJobHandler(queue, processors), {
      connection,
      prefix,
      concurrency: concurrency[queue] ?? 1,
    });
    // Connection errors count towards the connection's one outage warning; anything else is logged as an error.
    worker.on("error", onError);
    worker.on("failed", (job, err) => {
      const attempts = job?.opts.attempts ?? 1;
      const final = !job || job.attemptsMade >= attempts || err instanceof UnrecoverableError;
      logger.warn({ queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, final, err }, "job failed");
    });
    return worker;
  });
}

export async function closeWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((worker) => worker.close()));
}

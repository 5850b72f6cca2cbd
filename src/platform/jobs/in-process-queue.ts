import type { Logger } from "../logger";
import { timedJob } from "../metrics/timed";
import { runTracedJob, withTraceContext } from "../tracing/jobs";
import {
  type EnqueueOptions,
  JOB_ATTEMPTS,
  JOB_BACKOFF_MS,
  type JobQueue,
  PermanentJobError,
  type ProcessorMap,
  QUEUE_NAMES,
  type QueueName,
} from "./jobs";

interface PendingJob {
  queue: QueueName;
  name: string;
  payload: unknown;
  jobId?: string;
  attempt: number;
}

export interface InProcessQueue extends JobQueue {
  setProcessors(processors: ProcessorMap): void;
  /** Resolves when every job enqueued so far (and its retries) has finished. */
  drain(): Promise<void>;
}

export function createInProcessQueue(logger: Logger, backoffMs = JOB_BACKOFF_MS): InProcessQueue {
  let processors: ProcessorMap = {};
  const waiting: PendingJob[] = [];
  const waitingIds = new Set<string>();
  const failed = Object.fromEntries(QUEUE_NAMES.map((q) => [q, 0])) as Record<QueueName, number>;
  let active = 0;
  let timers = 0;
  let closed = false;
  let idle: (() => void)[] = [];

  const settleIfIdle = () => {
    if (active === 0 && timers === 0 && waiting.length === 0) {
      for (const resolve of idle) resolve();
      idle = [];
    }
  };

  const run = async (job: PendingJob) => {
    const processor = processors[job.queue]?.[job.name];
    active++;
    try {
      if (!processor) throw new PermanentJobError(`no processor for ${job.queue}/${job.name}`);
      await timedJob(job.queue, job.name, () => runTracedJob(job.queue, job.name, job.payload, processor));
    } catch (err) {
      const retry = !(err instanceof PermanentJobError) && job.attempt < JOB_ATTEMPTS && !closed;
      logger.warn({ queue: job.queue, job: job.name, attempt: job.attempt, err, retry }, "job failed");
      if (retry) {
        timers++;
        setTimeout(
          () => {
            timers--;
            schedule({ ...job, attempt: job.attempt + 1 });
          },
          backoffMs * 2 ** (job.attempt - 1),
        );
      } else failed[job.queue]++;
    } finally {
      active--;
      pump();
    }
  };

  const pump = () => {
    while (!closed && waiting.length > 0) {
      const job = waiting.shift()!;
      if (job.jobId) waitingIds.delete(job.jobId);
      void run(job);
    }
    settleIfIdle();
  };

  const schedule = (job: PendingJob) => {
    if (closed) return;
    waiting.push(job);
    queueMicrotask(pump);
  };

  return {
    kind: "in-process",
    setProcessors: (next) => {
      processors = next;
    },
    enqueue: async (queue, name, payload, options: EnqueueOptions = {}) => {
      const key = options.jobId ? `${queue}/${options.jobId}` : undefined;
      if (key && waitingIds.has(key)) return;
      if (key) waitingIds.add(key);
      schedule({ queue, name, payload: withTraceContext(payload), jobId: key, attempt: 1 });
    },
    counts: async () =>
      Object.fromEntries(
        QUEUE_NAMES.map((q) => [
          q,
          { waiting: waiting.filter((j) => j.queue === q).length, active, failed: failed[q] },
        ]),
      ) as Awaited<ReturnType<JobQueue["counts"]>>,
    drain: () =>
      new Promise<void>((resolve) => {
        idle.push(resolve);
        queueMicrotask(settleIfIdle);
      }),
    close: async () => {
      closed = true;
      waiting.length = 0;
      settleIfIdle();
    },
  };
}

import type { Queue } from "bullmq";
import type { QueueName } from "../../jobs/queues";

// Queue and job names live in the job contract (src/jobs/queues.ts); this file is the transport both runners share.
export { QUEUE_NAMES, type QueueName } from "../../jobs/queues";

export interface EnqueueOptions {
  /** Deterministic id: a job with the same id that is still waiting is not added twice. */
  jobId?: string;
}

export type Processor = (payload: unknown) => Promise<void>;
/** Processors keyed by queue, then job name. */
export type ProcessorMap = Partial<Record<QueueName, Record<string, Processor>>>;

/** A payload that can never succeed: the job is failed at once instead of retried. */
export class PermanentJobError extends Error {}

/** BullMQ with Redis in production; an in-process runner in the embedded default. Same contract. */
export interface JobQueue {
  readonly kind: "bullmq" | "in-process";
  /** The untyped transport: application code enqueues through `enqueueJob` (src/jobs/queues.ts). */
  enqueue(queue: QueueName, name: string, payload: unknown, options?: EnqueueOptions): Promise<void>;
  counts(): Promise<Record<QueueName, { waiting: number; active: number; failed: number }>>;
  /** BullMQ only: its queue handles, which the admin dashboard reads (bull-board). */
  readonly queues?: readonly Queue[];
  close(): Promise<void>;
}

export const JOB_ATTEMPTS = 5;
export const JOB_BACKOFF_MS = 1000;

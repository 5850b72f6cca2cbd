import { z } from "zod";
import { type JobQueue, PermanentJobError, type Processor, type ProcessorMap } from "../platform/jobs/jobs";

/** The one place that names queues and jobs: producers (relay, start-up scans) and processors both go through it. */
export const QUEUE_NAMES = ["search-index", "embed", "notifications"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

interface JobDefinition<S extends z.ZodType = z.ZodType> {
  queue: QueueName;
  payload: S;
  /** First part of the job id (embed jobs kept the queue's name there). */
  idPrefix: string;
  /** The row the job is about: with the version, the rest of the job id. */
  subject(payload: z.infer<S>): string;
}

const defineJob = <S extends z.ZodType>(definition: JobDefinition<S>) => definition;
const ById = z.object({ id: z.uuid() });
const searchJob = (name: string) =>
  defineJob({ queue: "search-index", payload: ById, idPrefix: name, subject: (p) => p.id });
const notifyJob = (name: string) =>
  defineJob({ queue: "notifications", payload: ById, idPrefix: name, subject: (p) => p.id });

export const JOBS = {
  "index-clip": searchJob("index-clip"),
  "index-user": searchJob("index-user"),
  "index-tag": searchJob("index-tag"),
  "index-game": searchJob("index-game"),
  "embed-clip": defineJob({
    queue: "embed",
    payload: z.object({ clipId: z.uuid() }),
    idPrefix: "embed",
    subject: (p) => p.clipId,
  }),
  "notify-clip": notifyJob("notify-clip"),
  "notify-comment": notifyJob("notify-comment"),
  "notify-submission": notifyJob("notify-submission"),
  "notify-user": notifyJob("notify-user"),
};
export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]["payload"]>;

export interface JobRequest<N extends JobName = JobName> {
  queue: QueueName;
  name: N;
  payload: JobPayload<N>;
  jobId: string;
}

/** Work found by a scan rather than asked for by an outbox row (e.g. re-embedding at worker start). */
export const SCAN_VERSION = 0;

/**
 * A job with its deterministic id `<prefix>-<subject>-<version>`, where the version is the id of the outbox row that
 * asked for it (SCAN_VERSION otherwise). BullMQ ignores an add whose id it still remembers (completed jobs are kept
 * for an hour), so an id per subject alone would swallow the next change; the same row relayed twice is one job.
 */
export function buildJob<N extends JobName>(name: N, payload: JobPayload<N>, version: number): JobRequest<N> {
  const definition = JOBS[name] as JobDefinition;
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) throw new Error(`${name}: invalid payload: ${z.prettifyError(parsed.error)}`);
  const subject = definition.subject(parsed.data);
  return {
    queue: definition.queue,
    name,
    payload: parsed.data as JobPayload<N>,
    jobId: `${definition.idPrefix}-${subject}-${version}`,
  };
}

export function enqueueJob(jobs: JobQueue, job: JobRequest): Promise<void> {
  return jobs.enqueue(job.queue, job.name, job.payload, { jobId: job.jobId });
}

/** A processor that checks its payload first: one that does not fit the schema can never succeed, so fails for good. */
export function processorFor<N extends JobName>(name: N, handle: (payload: JobPayload<N>) => Promise<void>): Processor {
  const schema = (JOBS[name] as JobDefinition).payload;
  return async (payload) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`${name}: invalid payload: ${z.prettifyError(parsed.error)}`);
    await handle(parsed.data as JobPayload<N>);
  };
}

/** Every job's processor, grouped by its queue the way both runners look them up. */
export function groupByQueue(processors: Record<JobName, Processor>): ProcessorMap {
  const map: ProcessorMap = {};
  for (const name of Object.keys(processors) as JobName[]) {
    const queue = JOBS[name].queue;
    map[queue] = { ...map[queue], [name]: processors[name] };
  }
  return map;
}

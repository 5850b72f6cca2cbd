import type { Deps } from "../deps";
import type { ProcessorMap } from "../platform/jobs/jobs";

/**
 * Job processors keyed by queue, then job name. Both runners use this one registry: the BullMQ worker process
 * (workers/main.ts) and the in-process queue of the embedded default (src/deps.ts).
 */
export function createProcessors(_deps: Deps): ProcessorMap {
  return {};
}

import type { Infrastructure } from "../infrastructure";
import type { ProcessorMap } from "../platform/jobs/jobs";
import { createEmbedClipProcessor } from "./embed-clip";
import { createSearchIndexProcessors } from "./index-clip";
import { createNotificationProcessors } from "./notify";
import { groupByQueue } from "./queues";

/**
 * Job processors keyed by queue, then job name: one for every job of the contract (src/jobs/queues.ts). Both runners
 * use this one registry: the BullMQ worker process (workers/main.ts) and the in-process queue of the embedded
 * default (src/infrastructure.ts).
 */
export function createProcessors(deps: Pick<Infrastructure, "db" | "opensearch" | "embeddings">): ProcessorMap {
  return groupByQueue({
    ...createSearchIndexProcessors(deps.db, deps.opensearch?.client),
    "embed-clip": createEmbedClipProcessor(deps),
    ...createNotificationProcessors(deps.db),
  });
}

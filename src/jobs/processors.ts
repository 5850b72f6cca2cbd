import type { Deps } from "../deps";
import type { ProcessorMap } from "../platform/jobs/jobs";
import { createEmbedClipProcessor, EMBED_CLIP_JOB } from "./embed-clip";
import { createSearchIndexProcessors } from "./index-clip";

/**
 * Job processors keyed by queue, then job name. Both runners use this one registry: the BullMQ worker process
 * (workers/main.ts) and the in-process queue of the embedded default (src/deps.ts).
 */
export function createProcessors(deps: Deps): ProcessorMap {
  return {
    embed: { [EMBED_CLIP_JOB]: createEmbedClipProcessor(deps) },
    "search-index": createSearchIndexProcessors(deps.db, deps.opensearch?.client),
  };
}

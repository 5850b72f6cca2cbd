import type { Infrastructure } from "../infrastructure";
import { embedClips, findClipsToEmbed } from "../platform/embeddings/clip-embeddings";
import { clipVectorModel } from "../platform/embeddings/clip-vectors";
import type { Processor } from "../platform/jobs/jobs";
import { buildJob, enqueueJob, processorFor, SCAN_VERSION } from "./queues";

const STALE_PAGE = 500;

/** Batches in flight at once: one being read or written while the model works on the other. */
const IN_FLIGHT = 2;
const MAX_BATCH = 64;

interface Waiting {
  clipId: string;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Embed jobs share reads, model calls and UPDATEs, group-commit style: with fewer than two batches in flight a job's
 * clip goes out at once (with any that arrived in the same turn); otherwise it waits for a batch to finish and joins
 * the next one. Thirty-two concurrent single-row updates of a vector (each touching every index on clips) cost
 * PostgreSQL three times what one batched update costs per row. If a batch fails, each clip is tried alone, so one
 * bad clip fails only its own job.
 */
function createBatchingEmbedder(deps: Pick<Infrastructure, "db" | "embeddings">) {
  const waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;
  const embedOne = (w: Waiting) => embedClips(deps.db, deps.embeddings, [w.clipId]).then(w.resolve, w.reject);

  async function run(batch: Waiting[]) {
    try {
      await embedClips(
        deps.db,
        deps.embeddings,
        batch.map((w) => w.clipId),
      );
      for (const w of batch) w.resolve();
    } catch {
      await Promise.all(batch.map(embedOne));
    }
  }
  function next() {
    scheduled = false;
    while (inFlight < IN_FLIGHT && waiting.length > 0) {
      const batch = waiting.splice(0, MAX_BATCH);
      inFlight++;
      void run(batch).finally(() => {
        inFlight--;
        next();
      });
    }
  }
  return (clipId: string) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ clipId, resolve, reject });
      if (inFlight < IN_FLIGHT && !scheduled) {
        scheduled = true;
        setImmediate(next);
      }
    });
}

/** Job "embed-clip" `{ clipId }` (src/jobs/queues.ts): (re)computes one clip's vector. A removed or missing clip is a no-op. */
export function createEmbedClipProcessor(deps: Pick<Infrastructure, "db" | "embeddings">): Processor {
  const embed = createBatchingEmbedder(deps);
  return processorFor("embed-clip", ({ clipId }) => embed(clipId));
}

/**
 * Worker start-up: loads the model off the request path, then queues every clip whose vector is missing or from
 * another model or recipe (`clipVectorModel`), so changing either re-embeds everything. Returns how many jobs were queued.
 */
export async function enqueueStaleEmbeddings(
  deps: Pick<Infrastructure, "db" | "embeddings" | "jobs">,
): Promise<number> {
  await deps.embeddings.embed(["warm up"]);
  let queued = 0;
  for (let afterId: string | undefined; ; ) {
    const ids = await findClipsToEmbed(deps.db, clipVectorModel(deps.embeddings), { afterId, limit: STALE_PAGE });
    for (const clipId of ids) {
      await enqueueJob(deps.jobs, buildJob("embed-clip", { clipId }, SCAN_VERSION));
    }
    queued += ids.length;
    if (ids.length < STALE_PAGE) return queued;
    afterId = ids.at(-1);
  }
}

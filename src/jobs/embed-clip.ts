import { z } from "zod";
import type { Deps } from "../deps";
import { embedClips, findClipsToEmbed } from "../platform/embeddings/clip-embeddings";
import { clipVectorModel } from "../platform/embeddings/clip-vectors";
import { PermanentJobError, type Processor } from "../platform/jobs/jobs";

export const EMBED_CLIP_JOB = "embed-clip";
const Payload = z.object({ clipId: z.uuid() });
const STALE_PAGE = 500;

/** Queue "embed", job "embed-clip" `{ clipId }`: (re)computes one clip's vector. A removed or missing clip is a no-op. */
export function createEmbedClipProcessor(deps: Pick<Deps, "db" | "embeddings">): Processor {
  return async (payload) => {
    const parsed = Payload.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`embed-clip: invalid payload: ${parsed.error.message}`);
    await embedClips(deps.db, deps.embeddings, [parsed.data.clipId]);
  };
}

/**
 * Worker start-up: loads the model off the request path, then queues every clip whose vector is missing or from
 * another model or recipe (`clipVectorModel`), so changing either re-embeds everything. Returns how many jobs were queued.
 */
export async function enqueueStaleEmbeddings(deps: Pick<Deps, "db" | "embeddings" | "jobs">): Promise<number> {
  await deps.embeddings.embed(["warm up"]);
  let queued = 0;
  for (let afterId: string | undefined; ; ) {
    const ids = await findClipsToEmbed(deps.db, clipVectorModel(deps.embeddings), { afterId, limit: STALE_PAGE });
    for (const clipId of ids) {
      await deps.jobs.enqueue("embed", EMBED_CLIP_JOB, { clipId }, { jobId: `embed-${clipId}` });
    }
    queued += ids.length;
    if (ids.length < STALE_PAGE) return queued;
    afterId = ids.at(-1);
  }
}

import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Logger } from "../../platform/logger";

const FLUSH_CHUNK = 500;

export interface ViewCounter {
  record(clipId: string): void;
  /** Writes everything buffered so far; safe to call concurrently (flushes run one after another). */
  flush(): Promise<void>;
}

async function addViews(db: Db, batch: [string, number][]) {
  for (let i = 0; i < batch.length; i += FLUSH_CHUNK) {
    const values = batch.slice(i, i + FLUSH_CHUNK).map(([id, n]) => sql`(${id}::uuid, ${n}::int)`);
    await db.execute(
      sql`update clips set view_count = clips.view_count + v.n from (values ${sql.join(values, sql`, `)}) as v(id, n) where clips.id = v.id`,
    );
  }
}

/**
 * Counts detail views in memory and adds them in one UPDATE … FROM (VALUES …) per flush (every interval, started by
 * src/background.ts), so a page view never costs a write of its own. A failed flush keeps its counts for the next one.
 */
export function createViewCounter(db: Db, logger: Logger): ViewCounter {
  let pending = new Map<string, number>();
  let chain = Promise.resolve();

  const flush = () => {
    chain = chain.then(async () => {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      try {
        await addViews(db, [...batch]);
      } catch (err) {
        logger.warn({ err, clips: batch.size }, "view count flush failed; retrying next interval");
        for (const [id, n] of batch) pending.set(id, (pending.get(id) ?? 0) + n);
      }
    });
    return chain;
  };

  return {
    record: (clipId) => {
      pending.set(clipId, (pending.get(clipId) ?? 0) + 1);
    },
    flush,
  };
}

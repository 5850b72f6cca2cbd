import { isUnavailable } from "../../core/errors";
import type { Db } from "../../db/client";
import type { Logger } from "../../platform/logger";
import { insertSearchQueries, type SearchLogEntry } from "./analytics-repo";

export interface SearchLog {
  /** Queues a search for the next batched insert; never delays or fails the search itself. */
  record(entry: SearchLogEntry): void;
  /** Resolves once everything recorded so far is written (tests, graceful shutdown). */
  flush(): Promise<void>;
}

export interface SearchLogOptions {
  /** Written at once when this many are queued. */
  maxBatch: number;
  /** Otherwise written this long after the first queued one. */
  flushAfterMs: number;
  /** Queued beyond this while the database is slow or down are dropped (and counted in a warning). */
  maxQueued: number;
}

const DEFAULTS: SearchLogOptions = { maxBatch: 200, flushAfterMs: 250, maxQueued: 20_000 };

/**
 * Search analytics written in batches: one multi-row insert per quarter second instead of one insert per search,
 * which at a thousand searches a second was most of PostgreSQL's work for a cached search. A crash loses at most the
 * last batch; that is analytics, not user data.
 */
export function createSearchLog(db: Db, logger: Logger, options: Partial<SearchLogOptions> = {}): SearchLog {
  const { maxBatch, flushAfterMs, maxQueued } = { ...DEFAULTS, ...options };
  let queued: SearchLogEntry[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dropped = 0;
  const writes = new Set<Promise<void>>();

  // One bad row (say, a user deleted a moment after searching) must not cost the rest of its batch. An unreachable
  // database is not retried row by row: that would only queue more connection attempts (and delay shutdown).
  const insertOneByOne = async (batch: SearchLogEntry[]) => {
    const results = await Promise.allSettled(batch.map((entry) => insertSearchQueries(db, [entry])));
    const failed = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    if (failed.length) logger.warn({ err: failed[0], failed: failed.length }, "search log write failed");
  };

  const writeQueued = () => {
    clearTimeout(timer);
    timer = undefined;
    if (queued.length === 0) return;
    const batch = queued;
    queued = [];
    const write = insertSearchQueries(db, batch)
      .catch((err) =>
        isUnavailable(err)
          ? logger.warn(
              { err: { message: err.message }, entries: batch.length },
              "search log batch lost: database unavailable",
            )
          : insertOneByOne(batch),
      )
      .finally(() => writes.delete(write));
    writes.add(write);
  };

  return {
    record(entry) {
      if (queued.length + writes.size * maxBatch >= maxQueued) {
        if (dropped++ % 1000 === 0) logger.warn({ dropped }, "search log backlog full; dropping entries");
        return;
      }
      queued.push(entry);
      if (queued.length >= maxBatch) writeQueued();
      else timer ??= setTimeout(writeQueued, flushAfterMs);
    },
    async flush() {
      writeQueued();
      while (writes.size > 0) await Promise.all([...writes]);
    },
  };
}

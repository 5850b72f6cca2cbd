import type { Db } from "../../db/client";
import type { Logger } from "../../platform/logger";
import { insertSearchQuery, type SearchLogEntry } from "./analytics-repo";

const pending = new Set<Promise<void>>();

/** Records a search without delaying the response; a failure is logged, never surfaced to the searcher. */
export function recordSearch(db: Db, logger: Logger, entry: SearchLogEntry): void {
  const write = insertSearchQuery(db, entry)
    .catch((err) => logger.warn({ err }, "search log write failed"))
    .finally(() => pending.delete(write));
  pending.add(write);
}

/** Resolves once every search recorded so far is written (tests, graceful shutdown). */
export async function flushSearchLog(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

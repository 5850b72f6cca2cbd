import type { Db } from "../db/client";
import { refreshSearchTopics } from "../modules/search/pg-topics";
import { refreshSearchWords } from "../modules/search/pg-words";
import { type PeriodicJob, type PeriodicOptions, startPeriodic } from "./periodic";

/**
 * Rebuilds the search statistics every `intervalMs` (the worker; the embedded API): the vocabulary that corrects
 * misspelt words, and the tags' mean vectors that find a query's topic.
 */
export function startSearchWords(o: PeriodicOptions & { db: Db }): PeriodicJob {
  return startPeriodic("search words refresh", o, async () => {
    await refreshSearchWords(o.db);
    await refreshSearchTopics(o.db);
  });
}

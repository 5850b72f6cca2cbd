import type { Db } from "../db/client";
import { refreshSearchWords } from "../modules/search/pg-words";
import { type PeriodicJob, type PeriodicOptions, startPeriodic } from "./periodic";

/** Rebuilds the vocabulary that corrects misspelt search words every `intervalMs` (the worker; the embedded API). */
export function startSearchWords(o: PeriodicOptions & { db: Db }): PeriodicJob {
  return startPeriodic("search words refresh", o, () => refreshSearchWords(o.db));
}

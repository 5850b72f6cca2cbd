import type { Db } from "../db/client";
import { runDueDeletions } from "../modules/account/deletion";
import { type PeriodicJob, type PeriodicOptions, startPeriodic } from "./periodic";

/** Runs the deletions whose grace period is over every `intervalMs` (the worker; the API on the embedded default). */
export function startAccountDeletions(o: PeriodicOptions & { db: Db }): PeriodicJob {
  return startPeriodic("account deletion", o, async () => {
    const deleted = await runDueDeletions(o.db);
    if (deleted > 0) o.logger.info({ deleted }, "account deletion: accounts anonymised");
  });
}

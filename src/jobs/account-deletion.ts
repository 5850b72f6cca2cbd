import type { Db } from "../db/client";
import { runDueDeletions } from "../modules/account/deletion";
import type { Logger } from "../platform/logger";

export interface AccountDeletionOptions {
  db: Db;
  logger: Logger;
  /** Between runs; 0 turns the job off. */
  intervalMs: number;
  /** Before the first run, so a starting process does its start-up work first. */
  firstRunMs?: number;
}

/** Runs the deletions whose grace period is over every `intervalMs` (the worker; the API on the embedded default). */
export function startAccountDeletions(o: AccountDeletionOptions): { stop(): Promise<void> } {
  if (o.intervalMs <= 0) return { stop: async () => {} };
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      const deleted = await runDueDeletions(o.db);
      if (deleted > 0) o.logger.info({ deleted }, "account deletion: accounts anonymised");
    } catch (err) {
      if (!stopped) o.logger.warn({ err }, "account deletion run failed");
    }
    if (!stopped) timer = setTimeout(schedule, o.intervalMs);
  };
  const schedule = () => {
    running = run();
  };
  let timer = setTimeout(schedule, o.firstRunMs ?? 60_000);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

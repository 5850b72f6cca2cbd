import type { Db } from "../db/client";
import { computeAnalytics } from "../modules/analytics/rollup";
import type { Logger } from "../platform/logger";

export interface AnalyticsRollupOptions {
  db: Db;
  logger: Logger;
  /** Between runs; 0 turns the job off. */
  intervalMs: number;
  /** Before the first run, so a starting process does its start-up work first. */
  firstRunMs?: number;
}

/** Recomputes the console's analytics every `intervalMs` (the worker; the API on the embedded default). */
export function startAnalyticsRollup(o: AnalyticsRollupOptions): { stop(): Promise<void> } {
  if (o.intervalMs <= 0) return { stop: async () => {} };
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      await computeAnalytics(o.db);
    } catch (err) {
      if (!stopped) o.logger.warn({ err }, "analytics rollup failed");
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

import type { Logger } from "../platform/logger";

export interface PeriodicOptions {
  logger: Logger;
  /** Between runs; 0 turns the job off. */
  intervalMs: number;
  /** Before the first run, so a starting process does its start-up work first. */
  firstRunMs?: number;
}

export interface PeriodicJob {
  stop(): Promise<void>;
}

/**
 * Runs `work` every `intervalMs` after the previous run ended (runs never overlap); a failed run is logged as
 * `<name> run failed` and the next one is scheduled as usual. `stop()` waits for a run in progress.
 */
export function startPeriodic(name: string, o: PeriodicOptions, work: () => Promise<void>): PeriodicJob {
  if (o.intervalMs <= 0) return { stop: async () => {} };
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      await work();
    } catch (err) {
      if (!stopped) o.logger.warn({ err }, `${name} run failed`);
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

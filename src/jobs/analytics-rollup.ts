import type { Db } from "../db/client";
import { computeAnalytics } from "../modules/analytics/rollup";
import { type PeriodicJob, type PeriodicOptions, startPeriodic } from "./periodic";

/** Recomputes the console's analytics every `intervalMs` (the worker; the API on the embedded default). */
export function startAnalyticsRollup(o: PeriodicOptions & { db: Db }): PeriodicJob {
  return startPeriodic("analytics rollup", o, () => computeAnalytics(o.db));
}

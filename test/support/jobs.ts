import type { Processor } from "../../src/platform/jobs/jobs";
import { createLogger } from "../../src/platform/logger";

export const silentLogger = createLogger({ log: { level: "silent" } });

/** A processor that fails its first `failures` calls (with `error`), then succeeds. */
export function flaky(failures: number, error: () => Error = () => new Error("transient")) {
  const calls: unknown[] = [];
  const processor: Processor = async (payload) => {
    calls.push(payload);
    if (calls.length <= failures) throw error();
  };
  return { calls, processor };
}

import { Counter } from "prom-client";
import type { Logger } from "./logger";
import { registry } from "./metrics/registry";

const processFaults = new Counter({
  name: "process_uncaught_errors_total",
  help: "Errors no caller caught, by kind (exception, rejection) and outcome (survived, fatal)",
  labelNames: ["kind", "outcome"] as const,
  registers: [registry],
});

// postgres.js connection internals run on socket events and timers: a throw there has no caller, but it concerns one
// connection that its pool already dropped and rejected the queries of. Anything else may have left state half-done.
const DRIVER_CONNECTION_FRAME = /[\\/]node_modules[\\/]postgres[\\/](cjs[\\/]|cf[\\/])?src[\\/]connection\.js/;

/** Whether an uncaught exception is one the process can outlive: it came from inside the database driver's connection. */
export function isSurvivable(err: unknown): boolean {
  return err instanceof Error && DRIVER_CONNECTION_FRAME.test(err.stack?.split("\n").slice(0, 4).join("\n") ?? "");
}

/**
 * Last resort for errors nobody caught: log them as JSON, keep serving after a rejected promise or a driver connection
 * fault, and otherwise call `fatal` (exit 1, so the supervisor restarts a clean process).
 */
export function installProcessGuard(logger: Logger, fatal: () => void) {
  process.on("uncaughtException", (err) => {
    if (isSurvivable(err)) {
      processFaults.inc({ kind: "exception", outcome: "survived" });
      logger.error({ err }, "uncaught database driver error: connection dropped, still serving");
      return;
    }
    processFaults.inc({ kind: "exception", outcome: "fatal" });
    logger.fatal({ err }, "uncaught exception: exiting");
    fatal();
  });
  process.on("unhandledRejection", (reason) => {
    processFaults.inc({ kind: "rejection", outcome: "survived" });
    logger.error({ err: reason }, "unhandled promise rejection");
  });
}

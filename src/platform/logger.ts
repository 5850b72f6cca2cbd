import { trace } from "@opentelemetry/api";
import pino from "pino";
import type { Config } from "../config";
import { tracingEnabled } from "./tracing/tracing";

export type Logger = pino.Logger;

/** `destination` defaults to stdout; tests pass a stream to read what would have been written. */
export function createLogger(config: Pick<Config, "log">, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.log.level,
      base: undefined,
      formatters: { level: (label) => ({ level: label }) },
      // Lines written inside a span (a request, a job) can be found from the trace and the other way round.
      mixin: () => {
        const span = tracingEnabled() ? trace.getActiveSpan()?.spanContext() : undefined;
        return span ? { traceId: span.traceId, spanId: span.spanId } : {};
      },
      redact: {
        paths: [
          "*.authorization",
          "*.cookie",
          "*.password",
          "*.token",
          "*.accessToken",
          "*.refreshToken",
          "*.secret",
          "req.headers.authorization",
          "req.headers.cookie",
          "*.headers.authorization",
          "*.headers.cookie",
          "*.apiKey",
          "*.clientSecret",
          "*.jwtSecret",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

import { context, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { Redis } from "ioredis";
import { tracer, tracingEnabled } from "./tracing";

/**
 * One client span per Redis command (name only: arguments can hold tokens), parented to the active request or job.
 * The command's own promise ends the span, so ioredis keeps its return values and pipelining untouched.
 */
export function traceRedisCommands(redis: Redis): void {
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((command, stream) => {
    if (!tracingEnabled()) return send(command, stream);
    const span = tracer().startSpan(
      `redis ${command.name}`,
      { kind: SpanKind.CLIENT, attributes: { "db.system.name": "redis", "db.operation.name": command.name } },
      context.active(),
    );
    const result = send(command, stream);
    command.promise.then(
      () => span.end(),
      (err: Error) => {
        span.recordException(err);
        span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
        span.end();
      },
    );
    return result;
  }) as Redis["sendCommand"];
}

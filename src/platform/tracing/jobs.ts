import { context, propagation, SpanKind } from "@opentelemetry/api";
import { tracingEnabled, withSpan } from "./tracing";

/** The W3C trace headers of the enqueuing request, carried with the payload across the queue. */
const TRACE_FIELD = "_trace";
type Carrier = Record<string, string>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Adds the active trace context to an object payload; payloads are untouched while tracing is off. */
export function withTraceContext(payload: unknown): unknown {
  if (!tracingEnabled() || !isRecord(payload)) return payload;
  const carrier: Carrier = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length ? { ...payload, [TRACE_FIELD]: carrier } : payload;
}

/**
 * Runs a job's processor in a consumer span parented by the enqueuer's context, with the trace field removed so
 * processors see the payload they were given.
 */
export function runTracedJob(
  queue: string,
  name: string,
  payload: unknown,
  processor: (payload: unknown) => Promise<void>,
): Promise<void> {
  if (!isRecord(payload) || !(TRACE_FIELD in payload)) {
    return tracingEnabled() ? runInSpan(queue, name, () => processor(payload)) : processor(payload);
  }
  const { [TRACE_FIELD]: carrier, ...rest } = payload;
  if (!tracingEnabled()) return processor(rest);
  const parent = propagation.extract(context.active(), isRecord(carrier) ? carrier : {});
  return context.with(parent, () => runInSpan(queue, name, () => processor(rest)));
}

function runInSpan(queue: string, name: string, run: () => Promise<void>): Promise<void> {
  return withSpan(
    `job ${queue}/${name}`,
    { "messaging.destination.name": queue, "messaging.operation.name": "process", "job.name": name },
    run,
    SpanKind.CONSUMER,
  );
}

import { context, propagation, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { SpanExporter } from "@opentelemetry/sdk-trace";

export interface TracingOptions {
  /** OTLP/HTTP collector base URL; tracing stays off without it (or without `exporter`). */
  endpoint?: string;
  serviceName: string;
  /** Tests pass an in-memory exporter; spans are then exported synchronously. */
  exporter?: SpanExporter;
}

let enabled = false;

/** A module flag, so every instrumentation point costs one branch while tracing is off. */
export const tracingEnabled = () => enabled;
export const tracer = () => trace.getTracer("clipper-api");

/**
 * Registers the SDK globally and returns its shutdown (flushes pending spans). The SDK and exporter are imported
 * only here, so a process without OTEL_EXPORTER_OTLP_ENDPOINT never loads them.
 */
export async function startTracing(options: TracingOptions): Promise<(() => Promise<void>) | undefined> {
  if (!options.endpoint && !options.exporter) return undefined;
  const [sdk, { resourceFromAttributes }, { AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }] =
    await Promise.all([
      import("@opentelemetry/sdk-trace"),
      import("@opentelemetry/resources"),
      import("@opentelemetry/context-async-hooks"),
      import("@opentelemetry/core"),
    ]);
  let processor: InstanceType<typeof sdk.SimpleSpanProcessor | typeof sdk.BatchSpanProcessor>;
  if (options.exporter) processor = new sdk.SimpleSpanProcessor({ exporter: options.exporter });
  else {
    const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-http");
    const url = `${options.endpoint!.replace(/\/+$/, "")}/v1/traces`;
    processor = new sdk.BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) });
  }
  const provider = new sdk.TracerProvider({
    resource: resourceFromAttributes({ "service.name": options.serviceName }),
    spanProcessors: [processor],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  enabled = true;
  return async () => {
    enabled = false;
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  };
}

/** Runs `fn` in a child span of the active context when tracing is on; otherwise just runs it. */
export function withSpan<T>(
  name: string,
  attributes: Record<string, string | number>,
  fn: (span?: Span) => Promise<T>,
  kind: SpanKind = SpanKind.CLIENT,
): Promise<T> {
  if (!enabled) return fn();
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}

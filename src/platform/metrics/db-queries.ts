import { SpanKind } from "@opentelemetry/api";
import { PglitePreparedQuery } from "drizzle-orm/pglite/session";
import { PostgresJsPreparedQuery } from "drizzle-orm/postgres-js/session";
import { tracingEnabled, withSpan } from "../tracing/tracing";
import { dbQueryDuration } from "./registry";

const OPERATIONS = new Set(["select", "insert", "update", "delete", "with"]);

function operationOf(sql: string): string {
  const word = sql.trimStart().slice(0, 6).toLowerCase();
  return OPERATIONS.has(word) ? word : word.startsWith("with") ? "with" : "other";
}

type Run = (this: { queryString: string }, ...args: unknown[]) => Promise<unknown>;

function timed(original: Run, system: string): Run {
  return async function timedQuery(this: { queryString: string }, ...args: unknown[]) {
    const operation = operationOf(this.queryString);
    const started = performance.now();
    try {
      if (!tracingEnabled()) return await original.apply(this, args);
      // The statement text only: drizzle sends values as parameters, so no user data reaches the span.
      const attributes = {
        "db.system.name": system,
        "db.operation.name": operation,
        "db.query.text": this.queryString,
      };
      return await withSpan(`db ${operation}`, attributes, () => original.apply(this, args), SpanKind.CLIENT);
    } finally {
      dbQueryDuration.observe({ operation }, (performance.now() - started) / 1000);
    }
  };
}

let installed = false;

/**
 * Times every query drizzle sends, transactions included, for both drivers. Drizzle's `logger` option fires before
 * a query and never after, and the drivers' transaction clients are created per transaction, so the one place that
 * sees every query with its end is the prepared query each driver runs. Idempotent.
 */
export function instrumentDatabaseQueries(): void {
  if (installed) return;
  installed = true;
  for (const [cls, system] of [
    [PostgresJsPreparedQuery, "postgresql"],
    [PglitePreparedQuery, "pglite"],
  ] as const) {
    const proto = cls.prototype as unknown as Record<"execute" | "all", Run>;
    proto.execute = timed(proto.execute, system);
    proto.all = timed(proto.all, system);
  }
}

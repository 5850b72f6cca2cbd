import type { MiddlewareHandler, ValidationTargets } from "hono";
import type { z } from "zod";

export interface RequestSchema {
  target: keyof ValidationTargets;
  schema: z.ZodType;
}

// Keyed by the middleware function itself, so the spec walker finds a route's schemas among its handlers.
const schemas = new WeakMap<object, RequestSchema>();
const statuses = new WeakMap<object, readonly number[]>();

/** Remembers what a validator middleware checks; the OpenAPI document is built from these records. */
export function documented<H extends object>(middleware: H, request: RequestSchema): H {
  schemas.set(middleware, request);
  return middleware;
}

/** Remembers the statuses a middleware can answer with itself (a rate limiter's 429), for the document. */
export function answersWith<H extends object>(middleware: H, codes: readonly number[]): H {
  statuses.set(middleware, codes);
  return middleware;
}

/**
 * For a handler whose own statuses the document cannot infer (a redirect, a 404 for an unknown name): a no-op
 * middleware in the route's chain that declares them.
 */
export const responds = (...codes: number[]): MiddlewareHandler =>
  answersWith<MiddlewareHandler>(async (_c, next) => next(), codes);

export const requestSchemaOf = (handler: object): RequestSchema | undefined => schemas.get(handler);
export const statusesOf = (handler: object): readonly number[] => statuses.get(handler) ?? [];

import type { ValidationTargets } from "hono";
import type { z } from "zod";

export interface RequestSchema {
  target: keyof ValidationTargets;
  schema: z.ZodType;
}

// Keyed by the middleware function itself, so the spec walker finds a route's schemas among its handlers.
const schemas = new WeakMap<object, RequestSchema>();

/** Remembers what a validator middleware checks; the OpenAPI document is built from these records. */
export function documented<H extends object>(middleware: H, request: RequestSchema): H {
  schemas.set(middleware, request);
  return middleware;
}

export const requestSchemaOf = (handler: object): RequestSchema | undefined => schemas.get(handler);

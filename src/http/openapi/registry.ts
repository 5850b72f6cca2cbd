import type { MiddlewareHandler, ValidationTargets } from "hono";
import { z } from "zod";
import type { ErrorEnvelope } from "../env";

export interface RequestSchema {
  target: keyof ValidationTargets;
  schema: z.ZodType;
}

/**
 * A body a route answers with: one of a named wire schema in `mediaType` (JSON unless the route names another), or
 * no body (`schema` left out). Usually a success; a route may also declare its own body for an error status.
 */
export interface ResponseBody {
  status: number;
  schema?: z.ZodType;
  mediaType?: string;
}

// Keyed by the middleware function itself, so the spec walker finds a route's schemas among its handlers.
const schemas = new WeakMap<object, RequestSchema>();
const statuses = new WeakMap<object, readonly number[]>();
const bodies = new WeakMap<object, ResponseBody>();
const envelopes = new WeakMap<object, ErrorEnvelope>();
// How a request field is documented when its zod schema cannot say it (a clamped integer read from a string).
const parameterDocs = new WeakMap<object, Record<string, unknown>>();

/** The response schemas the document lists under components.schemas, each by its name. */
export const wireSchemas = z.registry<{ id: string }>();

/** Names a response schema: the document refers to it as `#/components/schemas/<id>`. */
export function wireSchema<S extends z.ZodType>(id: string, schema: S): S {
  wireSchemas.add(schema, { id });
  return schema;
}

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

/** Remembers which error envelope a middleware selects for the rest of the route. */
export function withEnvelope<H extends object>(middleware: H, envelope: ErrorEnvelope): H {
  envelopes.set(middleware, envelope);
  return middleware;
}

/** Documents a request field as `json` (a JSON Schema) instead of what its zod schema converts to. */
export function documentedAs<S extends z.ZodType>(schema: S, json: Record<string, unknown>): S {
  parameterDocs.set(schema, json);
  return schema;
}

const passThrough = (): MiddlewareHandler => async (_c, next) => next();

/**
 * For a handler whose own statuses the document cannot infer (a redirect, a 404 for an unknown name): a no-op
 * middleware in the route's chain that declares them.
 */
export const responds = (...codes: number[]): MiddlewareHandler => answersWith(passThrough(), codes);

/**
 * A route's body for a status: a no-op middleware in its chain naming the wire schema (see `wireSchema`), which the
 * document shows and the test suite checks every response against. The handler types its body with the schema's
 * type (`c.json(body satisfies FeedPage)`), so the two cannot drift apart. A body that is not JSON names its media
 * type (Prometheus text); a status of 4xx/5xx documents that body there instead of the error envelope.
 */
export function returns(schema: z.ZodType, status = 200, { mediaType = "application/json" } = {}): MiddlewareHandler {
  const middleware = passThrough();
  bodies.set(middleware, { status, schema, mediaType });
  return middleware;
}

/** A route whose success is bodiless (204 by default). */
export function returnsNothing(status = 204): MiddlewareHandler {
  const middleware = passThrough();
  bodies.set(middleware, { status });
  return middleware;
}

export const requestSchemaOf = (handler: object): RequestSchema | undefined => schemas.get(handler);
export const statusesOf = (handler: object): readonly number[] => statuses.get(handler) ?? [];
export const responseBodyOf = (handler: object): ResponseBody | undefined => bodies.get(handler);
export const envelopeOf = (handler: object): ErrorEnvelope | undefined => envelopes.get(handler);
export const parameterDocOf = (schema: object): Record<string, unknown> | undefined => parameterDocs.get(schema);

import { z } from "zod";
import { exampleOf } from "./examples";
import { wireSchemas } from "./registry";

/** Shared OpenAPI components: auth schemes, the wire schemas of every response, the two error envelopes (§1.7). */

type Json = Record<string, unknown>;
export type Envelope = "Plain" | "Standard";

/** Every named wire schema as OpenAPI components, responses as sent (the output side of any transform). */
export function wireComponents(): Record<string, Json> {
  const { schemas } = z.toJSONSchema(wireSchemas, {
    io: "output",
    target: "draft-2020-12",
    unrepresentable: "throw",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema as Json]),
  );
}

const content = (name: string, schemas: Record<string, Json>, mediaType = "application/json") => ({
  [mediaType]: { schema: { $ref: `#/components/schemas/${name}` }, example: exampleOf(schemas[name], schemas) },
});

const RATE_LIMIT_HEADERS = {
  "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer" } },
  "RateLimit-Policy": {
    description: 'The policy (IETF draft), e.g. `"POST /comments";q=10;w=60`.',
    schema: { type: "string" },
  },
  RateLimit: {
    description: 'What is left of it (IETF draft), e.g. `"POST /comments";r=0;t=42`.',
    schema: { type: "string" },
  },
  "RateLimit-Limit": { description: "Requests allowed per window (earlier drafts).", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in this window.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window resets.", schema: { type: "integer" } },
};

/** Error responses, one per status and envelope: `PlainNotFound`, `StandardNotFound`, … */
export const ERRORS: Record<number, { name: string; description: string; headers?: Json }> = {
  400: { name: "BadRequest", description: "Invalid parameters or body (`VALIDATION_ERROR` names the field)." },
  401: { name: "Unauthorized", description: "Missing, invalid or expired credentials." },
  403: { name: "Forbidden", description: "Authenticated but not allowed (role, ban or CSRF)." },
  404: { name: "NotFound", description: "No such resource." },
  409: { name: "Conflict", description: "The request conflicts with the resource's current state." },
  413: { name: "PayloadTooLarge", description: "The request body exceeds the server's limit." },
  415: { name: "UnsupportedMediaType", description: "A request body that is not JSON (send `application/json`)." },
  429: {
    name: "TooManyRequests",
    description: "Rate limit exceeded; `retry_after` and the `Retry-After` header say when to try again.",
    headers: RATE_LIMIT_HEADERS,
  },
  431: { name: "HeadersTooLarge", description: "The request's headers (cookies included) exceed the server's limit." },
  500: { name: "ServerError", description: "Unexpected failure; the request id helps find it in the logs." },
  502: { name: "BadGateway", description: "Twitch answered with an error or not at all." },
  503: { name: "Unavailable", description: "The database or search is unavailable; try again shortly." },
};

export function buildComponents() {
  const schemas = wireComponents();
  const errorResponses = Object.fromEntries(
    Object.values(ERRORS).flatMap(({ name, description, headers }) =>
      (["Plain", "Standard"] as const).map((envelope) => [
        `${envelope}${name}`,
        { description, ...(headers && { headers }), content: content(`${envelope}Error`, schemas) },
      ]),
    ),
  );
  return {
    securitySchemes: {
      cookieAuth: {
        type: "apiKey",
        in: "cookie",
        name: "access_token",
        description: "Access JWT cookie set by the login flow (what the web app uses).",
      },
      bearerAuth: {
        type: "http",
        scheme: "bearer",
        bearerFormat: "JWT",
        description: "The same access JWT as a header.",
      },
      refreshCookie: { type: "apiKey", in: "cookie", name: "refresh_token", description: "Refresh token cookie." },
    },
    schemas,
    responses: {
      Success: {
        description: "Success. Not yet described by a wire schema: the body's envelope depends on the family (§1.5).",
        content: { "application/json": { schema: { type: "object" } } },
      },
      NoContent: { description: "Success, with no body." },
      Redirect: {
        description: "Temporary redirect; the browser follows `Location`.",
        headers: { Location: { description: "Where to go next.", schema: { type: "string" } } },
      },
      ...errorResponses,
    },
  };
}

/** The response of a named wire schema, with an example built from its fields' examples. */
export function bodyResponse(name: string, status: number, schemas: Record<string, Json>, mediaType?: string): Json {
  const description = status === 201 ? "Created; `Location` says where." : (ERRORS[status]?.description ?? "Success.");
  const headers = status === 201 && { Location: { description: "The new resource.", schema: { type: "string" } } };
  return { description, ...(headers && { headers }), content: content(name, schemas, mediaType) };
}

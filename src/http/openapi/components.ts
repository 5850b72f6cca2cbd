/** Shared OpenAPI components: auth schemes and the two error envelopes of contract §1.7. */

const jsonContent = (schema: Record<string, unknown>) => ({ "application/json": { schema } });
const errorResponse = (description: string) => ({
  description,
  content: jsonContent({ $ref: "#/components/schemas/Error" }),
});

export const COMPONENTS = {
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
  schemas: {
    PlainError: {
      type: "object",
      description: "Default error envelope. Some endpoints add fields such as `field`, `retry_after` or `clip_id`.",
      properties: {
        success: { const: false },
        error: { type: "string", description: "Human-readable message." },
        code: { type: "string", description: "Machine-readable code, e.g. `VALIDATION_ERROR`." },
      },
      required: ["success", "error", "code"],
    },
    StandardError: {
      type: "object",
      description: "Family A envelope: /clips/{id}*, /favorites, /scraped-clips, /creators/{creatorName}/clips.",
      properties: {
        success: { const: false },
        error: {
          type: "object",
          properties: { code: { type: "string" }, message: { type: "string" } },
          required: ["code", "message"],
        },
      },
      required: ["success", "error"],
    },
    Error: { oneOf: [{ $ref: "#/components/schemas/PlainError" }, { $ref: "#/components/schemas/StandardError" }] },
  },
  responses: {
    Success: {
      description: "Success. The body's envelope depends on the endpoint family (contract §1.5).",
      content: jsonContent({ type: "object" }),
    },
    NoContent: { description: "Success, with no body." },
    BadRequest: errorResponse("Invalid parameters or body (`VALIDATION_ERROR` names the field)."),
    Unauthorized: errorResponse("Missing, invalid or expired credentials."),
    Forbidden: errorResponse("Authenticated but not allowed (role, ban or CSRF)."),
    NotFound: errorResponse("No such resource."),
    Conflict: errorResponse("The request conflicts with the resource's current state."),
    TooManyRequests: {
      ...errorResponse("Rate limit exceeded; `retry_after` and the `Retry-After` header say when to try again."),
      headers: {
        "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } },
        "RateLimit-Limit": { schema: { type: "integer" } },
        "RateLimit-Remaining": { schema: { type: "integer" } },
        "RateLimit-Reset": { schema: { type: "integer" } },
      },
    },
    HeadersTooLarge: errorResponse("The request's headers (cookies included) exceed the server's limit."),
    Redirect: {
      description: "Temporary redirect; the browser follows `Location`.",
      headers: { Location: { description: "Where to go next.", schema: { type: "string" } } },
    },
    ServerError: errorResponse("Unexpected failure, or an upstream (Twitch, search) being unavailable."),
  },
};

import { z } from "zod";
import type { ErrorEnvelope } from "../env";
import type { RoutePolicy } from "../route-policy";
import { bodyResponse, ERRORS } from "./components";
import type { OpenApiPath } from "./paths";
import { parameterDocOf, type RequestSchema, type ResponseBody, wireSchemas } from "./registry";

type JsonSchema = z.core.JSONSchema.BaseSchema;
type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

// Requests are documented as clients send them: the input side of transforms, defaults optional; a field whose
// schema says how it is documented (documentedAs: a clamped integer, a lenient enum) is shown that way.
function toJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
    cycles: "throw",
    override: ({ zodSchema, jsonSchema }) => {
      const doc = parameterDocOf(zodSchema);
      if (!doc) return;
      for (const key of Object.keys(jsonSchema)) delete (jsonSchema as Json)[key];
      Object.assign(jsonSchema, doc);
    },
  });
  return json;
}

const LOCATION = { param: "path", query: "query", header: "header", cookie: "cookie" } as const;

function parametersOf({ target, schema }: RequestSchema): Parameter[] {
  const location = LOCATION[target as keyof typeof LOCATION];
  if (!location) return [];
  const json = toJsonSchema(schema);
  return Object.entries(json.properties ?? {}).map(([name, prop]) => {
    const { description, ...propSchema } = prop as JsonSchema;
    const parameter: Parameter = { name, in: location, schema: propSchema };
    if (location === "path" || json.required?.includes(name)) parameter.required = true;
    if (description) parameter.description = description;
    return parameter;
  });
}

function requestBodyOf({ target, schema }: RequestSchema): Json | undefined {
  const media = target === "json" ? ["application/json"] : target === "form" ? ["multipart/form-data"] : [];
  if (!media.length) return undefined;
  const content = Object.fromEntries(media.map((m) => [m, { schema: toJsonSchema(schema) }]));
  // An empty JSON body is read as `{}` (contract §1.2), so the body is optional whenever `{}` passes.
  return { required: !schema.safeParse({}).success, content };
}

const AUTH = [{ cookieAuth: [] }, { bearerAuth: [] }];
const SECURITY: Record<RoutePolicy, Json[]> = {
  public: [],
  optional: [{}, ...AUTH],
  user: AUTH,
  moderator: AUTH,
  admin: AUTH,
  credential: [{ refreshCookie: [] }],
};
const ROLE_NOTE: Record<RoutePolicy, string> = {
  public: "No authentication.",
  optional: "Authentication optional: a valid token personalises the answer.",
  user: "Requires a signed-in user.",
  moderator: "Requires role moderator or admin.",
  admin: "Requires role admin.",
  credential: "Authenticates with the refresh token (cookie `refresh_token`, or `{refresh_token}` in the body).",
};

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

interface ResponsesInput {
  operationId: string;
  validated: boolean;
  hasBody: boolean;
  hasPathParams: boolean;
  policy: RoutePolicy;
  envelope: ErrorEnvelope;
  declared: readonly number[];
  bodies: ResponseBody[];
}

function successesOf(operationId: string, bodies: ResponseBody[], schemas: Record<string, Json>): Json {
  if (!bodies.length) return { "2XX": ref("Success") };
  return Object.fromEntries(
    bodies.map(({ status, schema, mediaType }) => {
      if (!schema) return [String(status), ref(status >= 300 ? "Redirect" : "NoContent")];
      const name = wireSchemas.get(schema)?.id;
      if (!name) throw new Error(`${operationId}: returns() needs a schema named with wireSchema()`);
      return [String(status), bodyResponse(name, status, schemas, mediaType)];
    }),
  );
}

function responsesOf(input: ResponsesInput, schemas: Record<string, Json>): Json {
  const { validated, hasBody, hasPathParams, policy, declared } = input;
  const statuses = new Set<number>(declared);
  if (validated || hasPathParams) statuses.add(400);
  if (policy !== "public" && policy !== "optional") statuses.add(401);
  if (policy === "user" || policy === "moderator" || policy === "admin") statuses.add(403);
  if (hasPathParams) statuses.add(404);
  if (hasBody) statuses.add(413).add(415);
  // Any request: headers over the limit are refused before routing (src/http/middleware/header-limit.ts); any
  // route reading the database or search answers 503 while they are down.
  statuses.add(431).add(503);
  const responses: Json = successesOf(input.operationId, input.bodies, schemas);
  const envelope = input.envelope === "standard" ? "Standard" : "Plain";
  for (const status of [...statuses].sort((a, b) => a - b)) {
    // A status the route declared its own body for (readiness's 503) is documented with that body.
    if (String(status) in responses) continue;
    if (status < 400) {
      responses[String(status)] = ref(status === 204 ? "NoContent" : "Redirect");
      continue;
    }
    const error = ERRORS[status];
    if (!error) throw new Error(`${input.operationId}: no error response for status ${status}`);
    // The limiter and the header check answer in the plain shape on every route (contract §1.7).
    const own = status === 429 || status === 431 ? "Plain" : envelope;
    responses[String(status)] = ref(`${own}${error.name}`);
  }
  responses["5XX"] = ref(`${envelope}ServerError`);
  return responses;
}

export interface OperationInput {
  operationId: string;
  tag: string;
  route: OpenApiPath;
  requests: RequestSchema[];
  /** Statuses the route's middleware and handlers declared. */
  statuses: number[];
  bodies: ResponseBody[];
  policy: RoutePolicy;
  envelope: ErrorEnvelope;
}

const words = (operationId: string) =>
  operationId
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/^(\w)/, (m) => m.toUpperCase());

export function buildOperation(input: OperationInput, schemas: Record<string, Json>): Json {
  const { operationId, tag, route, requests, policy } = input;
  const declared = requests.flatMap(parametersOf);
  const pathParams: Parameter[] = route.params.map(({ name, pattern }) => {
    const fromSchema = declared.find((p) => p.in === "path" && p.name === name);
    return fromSchema ?? { name, in: "path", required: true, schema: { type: "string", ...(pattern && { pattern }) } };
  });
  const parameters = [...pathParams, ...declared.filter((p) => p.in !== "path")];
  const requestBody = requests.map(requestBodyOf).find(Boolean);
  const responses = responsesOf(
    {
      operationId,
      validated: requests.length > 0,
      hasBody: requestBody !== undefined,
      hasPathParams: route.params.length > 0,
      policy,
      envelope: input.envelope,
      declared: input.statuses,
      bodies: input.bodies,
    },
    schemas,
  );
  return {
    operationId,
    summary: words(operationId),
    description: ROLE_NOTE[policy],
    tags: [tag],
    ...(parameters.length && { parameters }),
    ...(requestBody && { requestBody }),
    security: SECURITY[policy],
    responses,
    "x-route-policy": policy,
  };
}

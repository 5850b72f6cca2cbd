import { z } from "zod";
import type { RoutePolicy } from "../route-policy";
import type { OpenApiPath } from "./paths";
import type { RequestSchema } from "./registry";

type JsonSchema = z.core.JSONSchema.BaseSchema;
type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

// Requests are documented as clients send them: the input side of transforms, defaults optional.
function toJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
    cycles: "throw",
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
const ROLE_NOTE: Partial<Record<RoutePolicy, string>> = {
  optional: "Authentication optional: a valid token personalises the answer.",
  user: "Requires a signed-in user.",
  moderator: "Requires role moderator or admin.",
  admin: "Requires role admin.",
  credential: "Authenticates with the refresh token (cookie `refresh_token`, or `{refresh_token}` in the body).",
};

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** Operations whose success is a bodiless 204 (contract: POST /watch-history); any other 2XX is a JSON object. */
const NO_CONTENT = new Set(["postWatchHistory"]);

/** Statuses a route's middleware or handler declared (answersWith, responds), by their shared response. */
const DECLARED: Record<number, string> = {
  307: "Redirect",
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  429: "TooManyRequests",
};

function responsesOf(
  operationId: string,
  validated: boolean,
  hasPathParams: boolean,
  policy: RoutePolicy,
  declared: number[],
): Json {
  const responses: Json = { "2XX": ref("Success") };
  // The exact code outranks the range, so validators expect no body there.
  if (NO_CONTENT.has(operationId)) responses["204"] = ref("NoContent");
  if (validated || hasPathParams) responses["400"] = ref("BadRequest");
  if (policy === "credential" || policy === "user" || policy === "moderator" || policy === "admin") {
    responses["401"] = ref("Unauthorized");
  }
  if (policy === "user" || policy === "moderator" || policy === "admin") responses["403"] = ref("Forbidden");
  if (hasPathParams) responses["404"] = ref("NotFound");
  for (const status of declared) responses[String(status)] = ref(DECLARED[status] ?? "ServerError");
  // Any request: headers over the limit are refused before routing (src/http/middleware/header-limit.ts).
  responses["431"] = ref("HeadersTooLarge");
  responses["5XX"] = ref("ServerError");
  return responses;
}

export interface OperationInput {
  operationId: string;
  tag: string;
  route: OpenApiPath;
  requests: RequestSchema[];
  /** Statuses the route's middleware and handlers declared. */
  statuses: number[];
  policy: RoutePolicy;
}

export function buildOperation({ operationId, tag, route, requests, statuses, policy }: OperationInput): Json {
  const declared = requests.flatMap(parametersOf);
  const pathParams: Parameter[] = route.params.map(({ name, pattern }) => {
    const fromSchema = declared.find((p) => p.in === "path" && p.name === name);
    return fromSchema ?? { name, in: "path", required: true, schema: { type: "string", ...(pattern && { pattern }) } };
  });
  const parameters = [...pathParams, ...declared.filter((p) => p.in !== "path")];
  const requestBody = requests.map(requestBodyOf).find(Boolean);
  return {
    operationId,
    tags: [tag],
    ...(ROLE_NOTE[policy] && { description: ROLE_NOTE[policy] }),
    ...(parameters.length && { parameters }),
    ...(requestBody && { requestBody }),
    security: SECURITY[policy],
    responses: responsesOf(operationId, requests.length > 0, route.params.length > 0, policy, statuses),
    "x-route-policy": policy,
  };
}

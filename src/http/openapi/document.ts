import type { RouterRoute } from "hono/types";
import { findTargetHandler } from "hono/utils/handler";
import type { ErrorEnvelope } from "../env";
import { policyOf } from "../route-policy";
import { buildComponents } from "./components";
import { buildOperation } from "./operation";
import { operationIdOf, tagOf, toOpenApiPaths } from "./paths";
import {
  envelopeOf,
  type RequestSchema,
  type ResponseBody,
  requestSchemaOf,
  responseBodyOf,
  statusesOf,
} from "./registry";

/** The interactive docs page and its assets are not API routes. */
export const DOCS_PATH = "/docs";

export interface DocumentInfo {
  title: string;
  version: string;
  description: string;
}

const documentedPath = (path: string) => !path.includes("*") && path !== DOCS_PATH && !path.startsWith(`${DOCS_PATH}/`);

/** Hono registers each middleware and handler of a route as its own entry; regroup them per method + path. */
function groupRoutes(routes: RouterRoute[]) {
  const groups = new Map<
    string,
    {
      method: string;
      path: string;
      requests: RequestSchema[];
      statuses: number[];
      bodies: ResponseBody[];
      envelope: ErrorEnvelope;
      handlers: object[];
    }
  >();
  for (const { method, path, handler } of routes) {
    if (method === "ALL" || !documentedPath(path)) continue;
    const key = `${method} ${path}`;
    const group = groups.get(key) ?? {
      method,
      path,
      requests: [],
      statuses: [],
      bodies: [],
      envelope: "plain",
      handlers: [],
    };
    const target = findTargetHandler(handler);
    group.handlers.push(target);
    const request = requestSchemaOf(target);
    if (request) group.requests.push(request);
    group.statuses.push(...statusesOf(target));
    const body = responseBodyOf(target);
    if (body) group.bodies.push(body);
    group.envelope = envelopeOf(target) ?? group.envelope;
    groups.set(key, group);
  }
  return groups.values();
}

/** OpenAPI 3.1 for every route the app serves, from the zod schemas its validators check. */
export function buildOpenApiDocument(routes: RouterRoute[], info: DocumentInfo) {
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  const tags = new Set<string>();
  const components = buildComponents();
  for (const { method, path, requests, statuses, bodies, envelope, handlers } of groupRoutes(routes)) {
    const policy = policyOf(handlers);
    for (const route of toOpenApiPaths(path)) {
      const base = operationIdOf(method, route.path);
      let operationId = base;
      for (let n = 2; operationIds.has(operationId); n++) operationId = `${base}${n}`;
      operationIds.add(operationId);
      const tag = tagOf(route.path);
      tags.add(tag);
      paths[route.path] ??= {};
      paths[route.path]![method.toLowerCase()] = buildOperation(
        { operationId, tag, route, requests, statuses, bodies, policy, envelope },
        components.schemas,
      );
    }
  }
  // Only the error responses some operation refers to (a Standard 429 never happens: the limiter answers plain).
  const used = JSON.stringify(paths);
  const responses = Object.fromEntries(
    Object.entries(components.responses).filter(([name]) => used.includes(`"#/components/responses/${name}"`)),
  );
  return {
    openapi: "3.1.0",
    info,
    servers: [{ url: "/" }],
    tags: [...tags].sort().map((name) => ({ name, description: `The ${name} endpoints.` })),
    paths,
    components: { ...components, responses },
  };
}

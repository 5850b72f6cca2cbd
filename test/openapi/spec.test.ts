import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Hono } from "hono";
import { z } from "zod";
import { buildOpenApiDocument } from "../../src/http/openapi/document";
import { validate } from "../../src/http/validate";
import { createTestContext, json, type TestContext } from "../support/app";

const PREFIX = "/api/v1";
const METHODS = ["get", "put", "post", "delete", "patch"];
const PARAM = /\/:([A-Za-z0-9_]+)(?:\{([^/]*)\})?/g;
const ALTERNATIVES = /^[\w-]+(\|[\w-]+)*$/;

/** Written independently of src/http/openapi/paths.ts: `:a{x|y}` → one literal path each, `:name{re}` → `{name}`. */
function openApiPaths(honoPath: string): string[] {
  const match = [...honoPath.matchAll(PARAM)].find((m) => m[2] && ALTERNATIVES.test(m[2]));
  if (match) return match[2]!.split("|").flatMap((alt) => openApiPaths(honoPath.replace(match[0], `/${alt}`)));
  return [honoPath.replace(PARAM, (_, name) => `/{${name}}`)];
}

// biome-ignore lint/suspicious/noExplicitAny: the document is asserted on as plain JSON
type Doc = any;
const operations = (spec: Doc) =>
  Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Doc>)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ path, method, op })),
  );
const param = (op: Doc, location: string, name: string) =>
  op.parameters?.find((p: Doc) => p.in === location && p.name === name);

let t: TestContext;
let spec: Doc;
beforeAll(async () => {
  t = await createTestContext();
  const res = await t.request(`${PREFIX}/openapi.json`);
  expect(res.status).toBe(200);
  spec = await json(res);
});
afterAll(() => t.close());

describe("GET /api/v1/openapi.json", () => {
  test("is a valid OpenAPI 3.1 document", async () => {
    expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
    expect(spec.info.title).toBe("Clipper API");
    expect(spec.info.version).toBeString();
    expect(spec.servers).toEqual([{ url: "/" }]);
    expect(Object.keys(spec.components.securitySchemes).sort()).toEqual(["bearerAuth", "cookieAuth", "refreshCookie"]);
    const result = await new Validator().validate(spec);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(JSON.stringify(spec)).not.toContain("#/$defs");
  });

  test("documents every /api/v1 route the app serves", () => {
    const missing: string[] = [];
    for (const r of t.app.routes) {
      if (r.method === "ALL" || !r.path.startsWith(`${PREFIX}/`)) continue;
      for (const path of openApiPaths(r.path)) {
        if (!spec.paths[path]?.[r.method.toLowerCase()]) missing.push(`${r.method} ${path}`);
      }
    }
    expect(missing).toEqual([]);
    expect(spec.paths["/docs"]).toBeUndefined();
  });

  test("operations have unique ids, a feature tag, responses and every path parameter declared", () => {
    const ops = operations(spec);
    expect(ops.length).toBeGreaterThan(90);
    expect(new Set(ops.map((o) => o.op.operationId)).size).toBe(ops.length);
    for (const { path, op } of ops) {
      expect(op.tags).toHaveLength(1);
      expect(op.summary).toBeString();
      expect(op.description).toBeString();
      expect(Object.keys(op.responses).some((s) => /^[23]/.test(s))).toBe(true);
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p: Doc) => p.in === "path").map((p: Doc) => p.name);
      expect(declared.sort()).toEqual(names.sort());
      for (const p of op.parameters ?? []) if (p.in === "path") expect(p.required).toBe(true);
    }
    expect(spec.paths["/api/v1/feeds/clips"].get.tags).toEqual(["feeds"]);
    expect(spec.paths["/api/v1/users/{id}/upvoted"].get).toBeDefined();
    expect(spec.paths["/api/v1/users/{id}/following"].get).toBeDefined();
  });

  test("query parameters come from the route's zod schema, typed, with their bounds and what out-of-range does", () => {
    const feed = spec.paths["/api/v1/feeds/clips"].get;
    expect(param(feed, "query", "limit")).toMatchObject({
      schema: { type: "integer", minimum: 10, maximum: 100, default: 20, examples: [20] },
      description: expect.stringContaining("clamped"),
    });
    expect(param(feed, "query", "sort").schema).toMatchObject({ type: "string", default: "trending" });
    expect(param(feed, "query", "sort").schema.enum).toContain("hot");
    expect(param(feed, "query", "sort").description).toContain("unknown value means `trending`");
    expect(param(feed, "query", "timeframe").schema.enum).toContain("week");
    expect(param(feed, "query", "cursor")).toMatchObject({ schema: { maxLength: 512 } });
    expect(param(feed, "query", "limit").required).toBeUndefined();
    const user = spec.paths["/api/v1/users/{id}"].get;
    expect(param(user, "path", "id").schema.pattern).toBeString();
  });

  test("JSON bodies come from the route's zod schema; a body that accepts {} is optional", () => {
    const create = spec.paths["/api/v1/clips/{id}/comments"].post;
    const body = create.requestBody.content["application/json"].schema;
    expect(create.requestBody.required).toBe(true);
    expect(body.required).toEqual(["content"]);
    expect(body.properties.content).toMatchObject({ type: "string", minLength: 1, maxLength: 10000 });
    expect(create.responses["400"]).toEqual({ $ref: "#/components/responses/PlainBadRequest" });
    expect(create.responses["413"]).toEqual({ $ref: "#/components/responses/PlainPayloadTooLarge" });
    expect(create.responses["415"]).toEqual({ $ref: "#/components/responses/PlainUnsupportedMediaType" });
  });

  test("security follows the route's auth middleware", () => {
    const admin = spec.paths["/api/v1/admin/users"].get;
    expect(admin["x-route-policy"]).toBe("admin");
    expect(admin.security).toEqual([{ cookieAuth: [] }, { bearerAuth: [] }]);
    expect(Object.keys(admin.responses)).toEqual(expect.arrayContaining(["401", "403"]));
    const feed = spec.paths["/api/v1/feeds/clips"].get;
    expect(feed.security).toEqual([{}, { cookieAuth: [] }, { bearerAuth: [] }]);
    expect(feed.responses["401"]).toBeUndefined();
    expect(spec.paths["/api/v1/tags"].get.security).toEqual([]);
    expect(spec.paths["/api/v1/auth/refresh"].post.security).toEqual([{ refreshCookie: [] }]);
  });

  test("statuses routes answer with are documented: validation, not-found, redirects, rate limits, 431", () => {
    const statuses = (path: string, method: string) => Object.keys(spec.paths[`${PREFIX}${path}`][method].responses);
    expect(statuses("/submissions", "post")).toContain("400");
    expect(statuses("/submissions/metadata", "get")).toContain("400");
    expect(Object.keys(spec.paths["/metrics"].get.responses)).toEqual(expect.arrayContaining(["401", "404"]));
    expect(statuses("/auth/test-login", "post")).toContain("404");
    expect(statuses("/auth/twitch", "get")).toContain("307");
    expect(statuses("/auth/twitch/callback", "get")).toContain("307");
    expect(spec.paths[`${PREFIX}/auth/twitch`].get.responses["307"]).toEqual({
      $ref: "#/components/responses/Redirect",
    });
    const rateLimited = spec.paths[`${PREFIX}/submissions`].post.responses["429"];
    expect(rateLimited).toEqual({ $ref: "#/components/responses/PlainTooManyRequests" });
    const limitHeaders = Object.keys(spec.components.responses.PlainTooManyRequests.headers);
    expect(limitHeaders).toEqual(expect.arrayContaining(["Retry-After", "RateLimit-Policy", "RateLimit"]));
    for (const { path, method, op } of operations(spec)) {
      expect(op.responses["431"], `${method} ${path}`).toEqual({ $ref: "#/components/responses/PlainHeadersTooLarge" });
      expect(op.responses["503"], `${method} ${path}`).toBeDefined();
    }
  });

  test("each operation documents its errors in the envelope it sends (contract §1.7), with the request id", () => {
    const { schemas, responses } = spec.components;
    expect(schemas.PlainError.properties.error.type).toBe("string");
    expect(schemas.PlainError.required).toContain("request_id");
    expect(schemas.StandardError.properties.error.required).toEqual(["code", "message"]);
    expect(responses.StandardNotFound.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/StandardError",
    });
    const clip = spec.paths[`${PREFIX}/clips/{id}`].get.responses;
    expect(clip["404"]).toEqual({ $ref: "#/components/responses/StandardNotFound" });
    const comments = spec.paths[`${PREFIX}/clips/{id}/comments`].get.responses;
    expect(comments["404"]).toEqual({ $ref: "#/components/responses/PlainNotFound" });
    // The limiter answers in the plain shape on family A routes too.
    const vote = spec.paths[`${PREFIX}/clips/{id}/vote`].post.responses;
    expect(vote["429"]).toEqual({ $ref: "#/components/responses/PlainTooManyRequests" });
  });

  test("documented successes are named wire schemas with an example that fits them", () => {
    const feed = spec.paths[`${PREFIX}/feeds/clips`].get.responses["200"].content["application/json"];
    expect(feed.schema).toEqual({ $ref: "#/components/schemas/FeedPage" });
    expect(feed.example.clips[0].title).toBeString();
    const clip = spec.components.schemas.Clip;
    expect(clip.additionalProperties).toBe(false);
    expect(clip.required).toEqual(expect.arrayContaining(["id", "title", "embed_url", "vote_score"]));
  });
});

describe("buildOpenApiDocument", () => {
  test("a newly added validated route is documented with no extra description", () => {
    const app = new Hono().post(
      `${PREFIX}/widgets/:id{[0-9]+}`,
      validate("query", z.object({ dry_run: z.enum(["true", "false"]).optional() })),
      validate("json", z.object({ name: z.string().max(40).optional() })),
      (c) => c.json({}),
    );
    const doc: Doc = buildOpenApiDocument(app.routes, { title: "t", version: "1", description: "d" });
    const op = doc.paths[`${PREFIX}/widgets/{id}`].post;
    expect(op.operationId).toBe("postWidgetsById");
    expect(param(op, "path", "id")).toMatchObject({ required: true, schema: { pattern: "^(?:[0-9]+)$" } });
    expect(param(op, "query", "dry_run").schema.enum).toEqual(["true", "false"]);
    expect(op.requestBody.required).toBe(false);
    expect(op.requestBody.content["application/json"].schema.properties.name.maxLength).toBe(40);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { findTargetHandler } from "hono/utils/handler";
import { buildOpenApiDocument } from "../../src/http/openapi/document";
import { policyOf, type RoutePolicy } from "../../src/http/route-policy";
import { createTestContext, type TestContext } from "../support/app";
import { startFakeTwitch } from "../support/fake-twitch";
import { createUser } from "../support/users";

const PREFIX = "/api/v1";
const CALLERS = ["anonymous", "user", "moderator", "admin"] as const;
type Caller = (typeof CALLERS)[number];
const RANK: Record<Caller, number> = { anonymous: 0, user: 1, moderator: 2, admin: 3 };
const REQUIRED: Partial<Record<RoutePolicy, number>> = { user: 1, moderator: 2, admin: 3 };

interface Route {
  method: string;
  /** Concrete path to request, with every parameter filled in. */
  path: string;
  /** "METHOD /path" without the prefix and with parameter names blanked. */
  key: string;
  /** From the route's auth middleware (src/http/route-policy.ts); none is public. */
  policy: RoutePolicy;
  /** The OpenAPI path the route is documented under. */
  openApiPath: string;
}

const PARAM = /\/:([A-Za-z0-9_]+)(?:\{([^/]*)\})?/g;
const ALTERNATIVES = /^[\w-]+(\|[\w-]+)*$/;
const normalize = (path: string) => path.replace(PARAM, "/:");

/** Routes registered with literal alternatives (`:dir{upvoted|downvoted}`) become one route per alternative. */
function expand(path: string): string[] {
  const match = [...path.matchAll(PARAM)].find((m) => m[2] && ALTERNATIVES.test(m[2]));
  if (!match) return [path];
  return match[2]!.split("|").flatMap((alt) => expand(path.replace(match[0], `/${alt}`)));
}

function apiRoutes(t: TestContext): Route[] {
  const handlers = new Map<string, object[]>();
  for (const r of t.app.routes) {
    if (r.method === "ALL" || !r.path.startsWith(`${PREFIX}/`)) continue;
    const group = `${r.method} ${r.path}`;
    handlers.set(group, [...(handlers.get(group) ?? []), findTargetHandler(r.handler)]);
  }
  const seen = new Map<string, Route>();
  for (const [group, chain] of handlers) {
    const [method, honoPath] = group.split(" ") as [string, string];
    for (const path of expand(honoPath)) {
      const key = `${method} ${normalize(path.slice(PREFIX.length))}`;
      const openApiPath = path.replace(PARAM, (_m, name: string) => `/{${name}}`);
      const concrete = path.replace(PARAM, () => `/${randomUUID()}`);
      seen.set(key, { method, path: concrete, key, policy: policyOf(chain), openApiPath });
    }
  }
  return [...seen.values()];
}

let t: TestContext;
let stopTwitch: () => Promise<void>;
const headers: Partial<Record<Caller, Record<string, string>>> = {};
beforeAll(async () => {
  const fake = startFakeTwitch();
  stopTwitch = fake.stop;
  t = await createTestContext(fake.env);
  for (const role of ["user", "moderator", "admin"] as const) headers[role] = (await createUser(t, { role })).headers;
}, 120_000);
afterAll(async () => {
  await t.close();
  await stopTwitch();
});

function expected(policy: RoutePolicy, caller: Caller): "401" | "403" | "allowed" {
  if (policy === "credential") return "401";
  const required = REQUIRED[policy];
  if (required === undefined) return "allowed";
  if (caller === "anonymous") return "401";
  return RANK[caller] >= required ? "allowed" : "403";
}

describe("RBAC matrix", () => {
  test("every /api/v1 route is documented with the policy the matrix checks", () => {
    const doc = buildOpenApiDocument(t.app.routes, { title: "t", version: "0", description: "" });
    const paths = doc.paths as Record<string, Record<string, { "x-route-policy"?: string }>>;
    const missing = apiRoutes(t)
      .filter((r) => paths[r.openApiPath]?.[r.method.toLowerCase()]?.["x-route-policy"] !== r.policy)
      .map((r) => r.key);
    expect(missing).toEqual([]);
  });

  test("each route answers each caller as its policy says", async () => {
    const mismatches: string[] = [];
    for (const route of apiRoutes(t)) {
      const { policy } = route;
      for (const caller of CALLERS) {
        const mutating = !["GET", "HEAD"].includes(route.method);
        const res = await t.request(route.path, {
          method: route.method,
          headers: { "content-type": "application/json", ...headers[caller] },
          body: mutating ? "{}" : undefined,
          redirect: "manual",
        });
        await res.body?.cancel();
        const outcome = res.status === 401 ? "401" : res.status === 403 ? "403" : "allowed";
        const want = expected(policy, caller);
        if (outcome !== want) mismatches.push(`${route.key} as ${caller}: got ${res.status}, want ${want} (${policy})`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});

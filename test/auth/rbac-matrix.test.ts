import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { ROUTE_POLICY, type RoutePolicy } from "../../src/modules/auth/route-policy";
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
  /** Policy-table key: "METHOD /path" without the prefix and with parameter names blanked. */
  key: string;
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
  const seen = new Map<string, Route>();
  for (const r of t.app.routes) {
    if (r.method === "ALL" || !r.path.startsWith(`${PREFIX}/`)) continue;
    for (const path of expand(r.path)) {
      const key = `${r.method} ${normalize(path.slice(PREFIX.length))}`;
      seen.set(key, { method: r.method, path: path.replace(PARAM, () => `/${randomUUID()}`), key });
    }
  }
  return [...seen.values()];
}

const policies = new Map(Object.entries(ROUTE_POLICY).map(([key, policy]) => [normalize(key), policy]));

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
  test("every /api/v1 route has a policy in src/modules/auth/route-policy.ts", () => {
    const missing = apiRoutes(t)
      .filter((r) => !policies.has(r.key))
      .map((r) => r.key);
    expect(missing).toEqual([]);
  });

  test("each route answers each caller as its policy says", async () => {
    const mismatches: string[] = [];
    for (const route of apiRoutes(t)) {
      const policy = policies.get(route.key);
      if (!policy) continue;
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

/**
 * Who may call a route, registered by the auth middleware itself (as validators register their schemas), so the
 * RBAC matrix test and the OpenAPI document read a route's policy from its handler chain.
 * - public: no auth; optional: a token is used when present (both: nobody gets 401/403)
 * - user / moderator / admin: anonymous → 401, lower roles → 403
 * - credential: authenticates with a credential of its own (refresh token), so 401 without it for everyone
 */
export type RoutePolicy = "public" | "optional" | "user" | "moderator" | "admin" | "credential";

const STRENGTH: Record<RoutePolicy, number> = {
  public: 0,
  optional: 1,
  user: 2,
  moderator: 3,
  admin: 4,
  credential: 5,
};

// Keyed by the middleware function itself, like src/http/openapi/registry.ts.
const policies = new WeakMap<object, RoutePolicy>();

export function withPolicy<H extends object>(middleware: H, policy: RoutePolicy): H {
  policies.set(middleware, policy);
  return middleware;
}

/** The strictest policy among a route's handlers; a route with no auth middleware is public. */
export function policyOf(handlers: readonly object[]): RoutePolicy {
  let policy: RoutePolicy = "public";
  for (const handler of handlers) {
    const own = policies.get(handler);
    if (own && STRENGTH[own] > STRENGTH[policy]) policy = own;
  }
  return policy;
}

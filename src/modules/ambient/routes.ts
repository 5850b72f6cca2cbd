import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { requireAuth } from "../../http/middleware/auth";
import { returns } from "../../http/openapi/registry";
import { Consent } from "./schemas";

const DEFAULT_CONSENT = { essential: true, functional: false, analytics: false, advertising: false } as const;

/**
 * Calls the SPA shell makes for features this service does not have (contract §2.10): each answers the cheapest
 * shape the frontend accepts. Mounted before the `/users/:id` routes so `/users/me/consent` is matched here.
 */
export function createAmbientRoutes(deps: Deps) {
  const auth = requireAuth(deps);

  return new Hono<AppEnv>().on(["GET", "POST"], "/users/me/consent", auth, returns(Consent), (c) =>
    c.json({ success: true, data: DEFAULT_CONSENT } satisfies Consent),
  );
}

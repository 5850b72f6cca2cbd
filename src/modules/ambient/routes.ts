import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { requireAuth } from "../../http/middleware/auth";
import { pageMeta } from "../../http/pagination";
import { pageQuery } from "../../http/query-params";
import { validate } from "../../http/validate";

const DEFAULT_CONSENT = { essential: true, functional: false, analytics: false, advertising: false };

/**
 * Calls the SPA shell makes for features this service does not have (contract §2.10): each answers the cheapest
 * shape the frontend accepts. Mounted before the `/users/:id` routes so `/users/me/consent` is matched here.
 */
export function createAmbientRoutes(deps: Deps) {
  const auth = requireAuth(deps);

  return new Hono<AppEnv>()
    .get("/playlists/featured", validate("query", pageQuery(8)), (c) => {
      const { page, limit } = c.req.valid("query");
      return c.json({ success: true, data: [], meta: pageMeta(page, limit, 0) });
    })
    .on(["GET", "POST"], "/users/me/consent", auth, (c) => c.json({ success: true, data: DEFAULT_CONSENT }));
}

import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { returns, returnsNothing } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { MessageBody } from "../../http/wire-fields";
import { bindBrowser, readBinding } from "./oauth-binding";
import {
  authorizeUrl,
  beginLogin,
  frontendRedirect,
  peekLogin,
  takeLogin,
  takeSpaLogin,
  verifierMatches,
} from "./oauth-state";
import { ReauthorizeUrl, TwitchCallbackBody, TwitchCallbackQuery, TwitchStartQuery } from "./schemas";
import { startSession } from "./session";
import { loginWithTwitch } from "./twitch-login";

const TWITCH_ERROR = /^[a-z_]{1,50}$/;

/**
 * Contract §2.1: Twitch sign-in, PKCE (the SPA) or classic (server-only) flow. The state Twitch carries is ours and
 * works only in the browser that started the login (login CSRF); the SPA's own state is handed back to it.
 */
export function createOAuthRoutes(deps: Deps) {
  const { config } = deps;

  return new Hono<AppEnv>()
    .get(
      "/auth/twitch",
      rateLimit(deps, "GET /auth/twitch"),
      validate("query", TwitchStartQuery),
      returnsNothing(307),
      async (c) => {
        const query = c.req.valid("query");
        if (!query.code_challenge !== !query.code_challenge_method) {
          throw new AppError("INVALID_REQUEST", "code_challenge and code_challenge_method must be sent together");
        }
        const pkce = query.code_challenge ? { challenge: query.code_challenge, method: "S256" as const } : null;
        const state = await beginLogin(deps.cache, bindBrowser(c, config), { clientState: query.state, pkce });
        return c.redirect(authorizeUrl(config, state, pkce), 307);
      },
    )
    .get("/auth/twitch/callback", rateLimit(deps, "GET /auth/twitch/callback"), returnsNothing(307), async (c) => {
      const fail = (reason: string) => c.redirect(frontendRedirect(config, { error: reason }), 307);
      const query = TwitchCallbackQuery.safeParse(c.req.query());
      if (!query.success) return fail("invalid_request");
      const { code, state, error } = query.data;
      if (error) return fail(TWITCH_ERROR.test(error) ? error : "authorization_failed");
      if (!code || !state) return fail("invalid_request");
      const binding = readBinding(c);
      const pending = await peekLogin(deps.cache, state, binding);
      if (!pending || !binding) return fail("invalid_state");
      if (pending.pkce) return c.redirect(frontendRedirect(config, { code, state: pending.returnState }), 307);
      if (!(await takeLogin(deps.cache, state, binding))) return fail("invalid_state");
      try {
        const user = await loginWithTwitch(deps, code);
        await startSession(c, deps, user);
      } catch (err) {
        if (err instanceof AppError && err.code === "BANNED") return fail("account_banned");
        deps.logger.warn({ err, requestId: c.get("requestId") }, "twitch login failed");
        return fail("authentication_failed");
      }
      return c.redirect(frontendRedirect(config, { success: "true" }), 307);
    })
    .post(
      "/auth/twitch/callback",
      rateLimit(deps, "POST /auth/twitch/callback"),
      validate("json", TwitchCallbackBody),
      returns(MessageBody),
      async (c) => {
        const body = c.req.valid("json");
        const binding = readBinding(c);
        const pending = binding ? await takeSpaLogin(deps.cache, binding, body.state) : undefined;
        if (!pending) throw new AppError("INVALID_REQUEST", "Invalid state parameter");
        if (!verifierMatches(body.code_verifier, pending.pkce.challenge)) {
          throw new AppError("INVALID_REQUEST", "Invalid code verifier");
        }
        const user = await loginWithTwitch(deps, body.code, body.code_verifier);
        await startSession(c, deps, user);
        return c.json({ message: "Authentication successful" } satisfies MessageBody);
      },
    )
    .post("/auth/twitch/reauthorize", requireAuth(deps), returns(ReauthorizeUrl), async (c) => {
      const state = await beginLogin(deps.cache, bindBrowser(c, config), { pkce: null });
      return c.json({ auth_url: authorizeUrl(config, state, null, true) } satisfies ReauthorizeUrl);
    });
}

import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { AppError } from "../../http/errors";
import { requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { validate } from "../../http/validate";
import { authorizeUrl, frontendRedirect, peekState, saveState, takeState, verifierMatches } from "./oauth-state";
import { TwitchCallbackBody, TwitchCallbackQuery, TwitchStartQuery } from "./schemas";
import { startSession } from "./session";
import { loginWithTwitch } from "./twitch-login";

const newState = () => randomBytes(32).toString("hex");
const TWITCH_ERROR = /^[a-z_]{1,50}$/;

/** Contract §2.1: Twitch sign-in, PKCE (the SPA) or classic (server-only) flow. */
export function createOAuthRoutes(deps: Deps) {
  const { config } = deps;

  return new Hono<AppEnv>()
    .get("/auth/twitch", rateLimit(deps, "GET /auth/twitch"), validate("query", TwitchStartQuery), async (c) => {
      const query = c.req.valid("query");
      if (!query.code_challenge !== !query.code_challenge_method) {
        throw new AppError("INVALID_REQUEST", "code_challenge and code_challenge_method must be sent together");
      }
      const pkce = query.code_challenge ? { challenge: query.code_challenge, method: "S256" as const } : null;
      const state = query.state ?? newState();
      await saveState(deps.cache, state, { pkce });
      return c.redirect(authorizeUrl(config, state, pkce), 307);
    })
    .get("/auth/twitch/callback", rateLimit(deps, "GET /auth/twitch/callback"), async (c) => {
      const fail = (reason: string) => c.redirect(frontendRedirect(config, { error: reason }), 307);
      const query = TwitchCallbackQuery.safeParse(c.req.query());
      if (!query.success) return fail("invalid_request");
      const { code, state, error } = query.data;
      if (error) return fail(TWITCH_ERROR.test(error) ? error : "authorization_failed");
      if (!code || !state) return fail("invalid_request");
      const stored = await peekState(deps.cache, state);
      if (!stored) return fail("invalid_state");
      if (stored.pkce) return c.redirect(frontendRedirect(config, { code, state }), 307);

      await takeState(deps.cache, state);
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
      async (c) => {
        const body = c.req.valid("json");
        const stored = await takeState(deps.cache, body.state);
        if (!stored?.pkce) throw new AppError("INVALID_REQUEST", "Invalid state parameter");
        if (!verifierMatches(body.code_verifier, stored.pkce.challenge)) {
          throw new AppError("INVALID_REQUEST", "Invalid code verifier");
        }
        const user = await loginWithTwitch(deps, body.code, body.code_verifier);
        await startSession(c, deps, user);
        return c.json({ message: "Authentication successful" });
      },
    )
    .post("/auth/twitch/reauthorize", requireAuth(deps), async (c) => {
      const state = newState();
      await saveState(deps.cache, state, { pkce: null });
      return c.json({ auth_url: authorizeUrl(config, state, null, true) });
    });
}

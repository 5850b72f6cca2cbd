import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { accessClaims, ownCredential, principalOf, requireAuth } from "../../http/middleware/auth";
import { errorEnvelope } from "../../http/middleware/envelope";
import { rateLimit } from "../../http/middleware/rate-limit";
import { responds, returns } from "../../http/openapi/registry";
import { memoizable } from "../../http/response-memo";
import { validate } from "../../http/validate";
import { MessageBody } from "../../http/wire-fields";
import { scopes } from "../../platform/cache/scopes";
import { findUserById, findUserByUsername } from "../users/repo";
import { User } from "../users/schemas";
import { toWireUser } from "../users/wire";
import { createOAuthRoutes } from "./oauth-routes";
import { revokeFamilyOfToken } from "./refresh-tokens";
import { TestLogin, TestLoginBody, TokenPair } from "./schemas";
import {
  clearSessionCookies,
  readRefreshToken,
  rotateSession,
  setSessionCookies,
  signAccess,
  startSession,
} from "./session";

export function createAuthRoutes(deps: Deps) {
  const routes = new Hono<AppEnv>()
    .route("/", createOAuthRoutes(deps))
    .post("/auth/refresh", ownCredential(), rateLimit(deps, "POST /auth/refresh"), returns(TokenPair), async (c) => {
      const token = await readRefreshToken(c);
      if (!token) throw new AppError("UNAUTHORIZED", "Missing refresh token");
      const rotation = await rotateSession(deps, token);
      if (!rotation.ok) throw new AppError("UNAUTHORIZED", "Failed to refresh token");
      const tokens = { access_token: await signAccess(deps, rotation.user), refresh_token: rotation.refreshToken };
      setSessionCookies(c, deps, tokens);
      return c.json(tokens satisfies TokenPair);
    })
    .post("/auth/logout", returns(MessageBody), async (c) => {
      const token = await readRefreshToken(c);
      if (token) await revokeFamilyOfToken(deps.db, token);
      clearSessionCookies(c, deps);
      return c.json({ message: "Logged out successfully" } satisfies MessageBody);
    })
    .get("/auth/me", errorEnvelope("standard"), requireAuth(deps, { allowBanned: true }), returns(User), async (c) => {
      const { userId } = principalOf(c);
      const row = await findUserById(deps.db, userId);
      if (!row) throw new AppError("UNAUTHORIZED", "Authentication required");
      // Every write through the API to the row bumps its scope; a minute bounds the worker's account deletion.
      const claims = await accessClaims(c, deps.config.auth.jwtSecret);
      if (claims) memoizable(c, [scopes.user(userId)], { ttlMs: 60_000, caller: { userId, until: claims.exp * 1000 } });
      return c.json(toWireUser(row, { includeEmail: true }) satisfies User);
    });

  if (!deps.config.auth.testLoginEnabled) return routes;
  // E2E and load tests sign in without Twitch (contract §2.1); never mounted in production.
  return routes.post(
    "/auth/test-login",
    rateLimit(deps, "POST /auth/test-login"),
    responds(404),
    validate("json", TestLoginBody),
    returns(TestLogin),
    async (c) => {
      const body = c.req.valid("json");
      const row = body.user_id
        ? await findUserById(deps.db, body.user_id)
        : await findUserByUsername(deps.db, body.username!);
      if (!row) throw new AppError("NOT_FOUND", "User not found");
      if (row.isBanned) throw new AppError("BANNED", "Your account has been banned");
      const tokens = await startSession(c, deps, row);
      return c.json({ user: toWireUser(row, { includeEmail: true }), ...tokens } satisfies TestLogin);
    },
  );
}

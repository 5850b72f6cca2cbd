import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { Config } from "../../config";
import type { AppEnv } from "../../http/env";
import { STATE_TTL_SECONDS } from "./oauth-state";

export const BINDING_COOKIE = "oauth_binding";
const BINDING = /^[A-Za-z0-9_-]{43}$/;

/** The browser's OAuth binding, from its httpOnly cookie; only a login started in this browser can finish in it. */
export function readBinding(c: Context<AppEnv>): string | undefined {
  const value = getCookie(c, BINDING_COOKIE);
  return value && BINDING.test(value) ? value : undefined;
}

/**
 * Gives the browser a binding (its existing one kept, so two tabs can sign in at once). Path = the redirect URI's,
 * where both callbacks live: Twitch's top-level redirect (GET) and the SPA's POST. SameSite=Lax is sent on both.
 */
export function bindBrowser(c: Context<AppEnv>, config: Config): string {
  const binding = readBinding(c) ?? randomBytes(32).toString("base64url");
  setCookie(c, BINDING_COOKIE, binding, {
    path: new URL(config.twitch.redirectUri).pathname,
    httpOnly: true,
    sameSite: "Lax",
    secure: config.auth.secureCookies,
    maxAge: STATE_TTL_SECONDS,
  });
  return binding;
}

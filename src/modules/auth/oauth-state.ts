import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Config } from "../../config";
import type { Cache } from "../../platform/cache/cache";

export const STATE_TTL_SECONDS = 300;
const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");
const stateKey = (state: string) => `oauth:state:${state}`;
const spaKey = (bindingHash: string, returnState: string) => `oauth:pkce:${sha256(`${bindingHash}:${returnState}`)}`;

const Pkce = z.object({ challenge: z.string(), method: z.literal("S256") });
const PendingLogin = z.object({
  /** SHA-256 of the initiating browser's binding cookie. */
  binding: z.string(),
  /** What the SPA gets back on /auth/success and POSTs: its own state, or ours when it sent none. */
  returnState: z.string(),
  pkce: Pkce.nullable(),
});
export type PendingLogin = z.infer<typeof PendingLogin>;
export type PkceChallenge = z.infer<typeof Pkce>;

const decode = (raw: string | null): PendingLogin | undefined => {
  if (raw === null) return undefined;
  const parsed = PendingLogin.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
};
const boundTo = (pending: PendingLogin | undefined, binding: string | undefined) =>
  pending && binding && pending.binding === sha256(binding) ? pending : undefined;

/**
 * Starts a login under a fresh server-made state, bound to the browser. A client's state is never a key (it could
 * be chosen by someone else); it is only handed back. A PKCE login is also findable by (browser, client state), which
 * is all the SPA's POST carries.
 */
export async function beginLogin(
  cache: Cache,
  binding: string,
  start: { clientState?: string; pkce: PkceChallenge | null },
) {
  const state = randomBytes(32).toString("hex");
  const pending: PendingLogin = { binding: sha256(binding), returnState: start.clientState ?? state, pkce: start.pkce };
  if (!(await cache.setIfAbsent(stateKey(state), JSON.stringify(pending), STATE_TTL_SECONDS))) {
    throw new Error("OAuth state collision");
  }
  if (start.pkce) await cache.set(spaKey(pending.binding, pending.returnState), state, STATE_TTL_SECONDS);
  return state;
}

/** Reads without consuming: the GET callback hands a PKCE login on to the SPA, which then POSTs it. */
export async function peekLogin(cache: Cache, state: string, binding: string | undefined) {
  return boundTo(decode(await cache.get(stateKey(state))), binding);
}

/** Consumes the login atomically (GETDEL): of concurrent callbacks with one state, one gets it. */
export async function takeLogin(cache: Cache, state: string, binding: string) {
  return boundTo(decode(await cache.take(stateKey(state))), binding);
}

/** The SPA's POST: its own state and this browser's binding lead to the server state, consumed once. */
export async function takeSpaLogin(cache: Cache, binding: string, returnState: string) {
  const state = await cache.take(spaKey(sha256(binding), returnState));
  const pending = state ? await takeLogin(cache, state, binding) : undefined;
  return pending?.pkce && pending.returnState === returnState ? { ...pending, pkce: pending.pkce } : undefined;
}

export function verifierMatches(verifier: string, challenge: string): boolean {
  return createHash("sha256").update(verifier).digest("base64url") === challenge;
}

export function authorizeUrl(config: Config, state: string, pkce: PkceChallenge | null, forceVerify = false) {
  const params = new URLSearchParams({
    client_id: config.twitch.clientId,
    redirect_uri: config.twitch.redirectUri,
    response_type: "code",
    scope: "user:read:email",
    state,
  });
  if (pkce) {
    params.set("code_challenge", pkce.challenge);
    params.set("code_challenge_method", pkce.method);
  }
  if (forceVerify) params.set("force_verify", "true");
  return `${config.twitch.authUrl}/authorize?${params}`;
}

export function frontendRedirect(config: Config, params: Record<string, string>) {
  return `${config.http.frontendUrl}/auth/success?${new URLSearchParams(params)}`;
}

import { createHash } from "node:crypto";
import { z } from "zod";
import type { Config } from "../../config";
import type { Cache } from "../../platform/cache/cache";

const STATE_TTL_SECONDS = 300;
const key = (state: string) => `oauth:state:${state}`;

const StoredState = z.object({ pkce: z.object({ challenge: z.string(), method: z.literal("S256") }).nullable() });
export type StoredState = z.infer<typeof StoredState>;

export async function saveState(cache: Cache, state: string, stored: StoredState) {
  await cache.set(key(state), JSON.stringify(stored), STATE_TTL_SECONDS);
}

const decode = (raw: string | null): StoredState | undefined => {
  if (raw === null) return undefined;
  const parsed = StoredState.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
};

/** Reads without consuming: the GET callback hands a PKCE state on to the SPA, which then POSTs it. */
export const peekState = async (cache: Cache, state: string) => decode(await cache.get(key(state)));
/** Consumes the state so it works once. */
export const takeState = async (cache: Cache, state: string) => decode(await cache.take(key(state)));

export function verifierMatches(verifier: string, challenge: string): boolean {
  return createHash("sha256").update(verifier).digest("base64url") === challenge;
}

export function authorizeUrl(config: Config, state: string, pkce: StoredState["pkce"], forceVerify = false) {
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

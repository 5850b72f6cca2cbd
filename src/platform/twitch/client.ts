import type { z } from "zod";
import type { Config } from "../../config";
import { AppError } from "../../core/errors";
import type { Cache } from "../cache/cache";
import { helixList, TwitchClip, TwitchGame, TwitchToken, TwitchUser } from "./schemas";

export interface TwitchClient {
  /** Authorization-code exchange; a code Twitch rejects is the caller's 400, anything else a 502. */
  exchangeCode(code: string, codeVerifier?: string): Promise<TwitchToken>;
  getUser(userAccessToken: string): Promise<TwitchUser>;
  getClip(slug: string): Promise<TwitchClip | null>;
  getGame(id: string): Promise<TwitchGame | null>;
}

const APP_TOKEN_KEY = "twitch:app-token";

const upstream = (message: string, cause?: unknown) =>
  new AppError("UPSTREAM_ERROR", `Twitch request failed: ${message}`, { cause });

/**
 * Each method runs under one deadline of TWITCH_TIMEOUT_MS, however many calls it makes (app token, a retry after a
 * 401), so a request that uses two methods waits at most two timeouts: HTTP_IDLE_TIMEOUT_S is checked against that.
 */
export function createTwitchClient(config: Config["twitch"], cache: Cache): TwitchClient {
  const deadline = () => AbortSignal.timeout(config.timeoutMs);

  async function send(url: string, signal: AbortSignal, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal });
    } catch (cause) {
      throw upstream(cause instanceof Error && cause.name === "TimeoutError" ? "timed out" : "unreachable", cause);
    }
  }

  async function parse<T extends z.ZodType>(res: Response, schema: T): Promise<z.infer<T>> {
    if (!res.ok) throw upstream(`status ${res.status}`);
    const body = await res.json().catch((cause) => {
      throw upstream("unreadable response", cause);
    });
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw upstream("unexpected response", parsed.error);
    return parsed.data;
  }

  const tokenRequest = (params: Record<string, string>, signal: AbortSignal) =>
    send(`${config.authUrl}/token`, signal, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: config.clientId, client_secret: config.clientSecret, ...params }),
    });

  async function appToken(signal: AbortSignal): Promise<string> {
    const cached = await cache.get(APP_TOKEN_KEY);
    if (cached) return cached;
    const token = await parse(await tokenRequest({ grant_type: "client_credentials" }, signal), TwitchToken);
    // Renew five minutes before Twitch expires it.
    await cache.set(APP_TOKEN_KEY, token.access_token, Math.max(token.expires_in - 300, 60));
    return token.access_token;
  }

  async function helix<T extends z.ZodType>(path: string, query: Record<string, string>, item: T) {
    const url = `${config.apiUrl}${path}?${new URLSearchParams(query)}`;
    const signal = deadline();
    const call = async () =>
      send(url, signal, {
        headers: { authorization: `Bearer ${await appToken(signal)}`, "client-id": config.clientId },
      });
    let res = await call();
    if (res.status === 401) {
      await cache.del(APP_TOKEN_KEY);
      res = await call();
    }
    return (await parse(res, helixList(item))).data;
  }

  return {
    async exchangeCode(code, codeVerifier) {
      const res = await tokenRequest(
        {
          code,
          grant_type: "authorization_code",
          redirect_uri: config.redirectUri,
          ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
        },
        deadline(),
      );
      if (res.status === 400) throw new AppError("INVALID_REQUEST", "Invalid authorization code");
      return parse(res, TwitchToken);
    },
    async getUser(userAccessToken) {
      const res = await send(`${config.apiUrl}/users`, deadline(), {
        headers: { authorization: `Bearer ${userAccessToken}`, "client-id": config.clientId },
      });
      const [user] = (await parse(res, helixList(TwitchUser))).data;
      if (!user) throw upstream("no user for token");
      return user;
    },
    getClip: async (slug) => (await helix("/clips", { id: slug }, TwitchClip))[0] ?? null,
    getGame: async (id) => (await helix("/games", { id }, TwitchGame))[0] ?? null,
  };
}

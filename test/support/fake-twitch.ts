import { createHash, randomBytes } from "node:crypto";
import type { TwitchClip, TwitchGame, TwitchUser } from "../../src/platform/twitch/schemas";

export const FAKE_CLIENT_ID = "fake-client-id";
export const FAKE_CLIENT_SECRET = "fake-client-secret";

export type FailureMode = "none" | "error" | "slow";

/**
 * A real HTTP server speaking the parts of Twitch's OAuth and Helix APIs we use. Point the app at it with `env`.
 * `authorize` logs in as `loginAs` (or answers `error=access_denied` when that is null).
 */
export interface FakeTwitch {
  env: Record<string, string>;
  users: Map<string, TwitchUser>;
  clips: Map<string, TwitchClip>;
  games: Map<string, TwitchGame>;
  loginAs: string | null;
  failure: FailureMode;
  slowMs: number;
  /** Requests received, as "METHOD /path", for asserting what the client called. */
  calls: string[];
  addUser(overrides?: Partial<TwitchUser>): TwitchUser;
  /** A one-time authorization code for a user, as Twitch would put in the redirect. */
  issueCode(userId: string, codeChallenge?: string): string;
  stop(): Promise<void>;
}

const json = (body: unknown, status = 200) => Response.json(body, { status });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startFakeTwitch(): FakeTwitch {
  const codes = new Map<string, { userId: string; challenge?: string }>();
  const userTokens = new Map<string, string>();
  const appTokens = new Set<string>();
  let seq = 0;

  const fake: FakeTwitch = {
    env: {},
    users: new Map(),
    clips: new Map(),
    games: new Map(),
    loginAs: null,
    failure: "none",
    slowMs: 2_000,
    calls: [],
    addUser(overrides = {}) {
      seq += 1;
      const id = overrides.id ?? String(90_000_000 + Math.floor(Math.random() * 9_000_000) + seq);
      const login = overrides.login ?? `streamer_${id}`;
      const user: TwitchUser = {
        id,
        login,
        display_name: overrides.display_name ?? login.replace(/^s/, "S"),
        email: overrides.email ?? `${login}@twitch.example`,
        profile_image_url:
          overrides.profile_image_url ??
          `https://static-cdn.jtvnw.net/jtv_user_pictures/${id}-profile_image-300x300.png`,
        description: overrides.description ?? "Just a fake streamer",
        created_at: overrides.created_at ?? "2019-05-01T12:00:00Z",
      };
      fake.users.set(id, user);
      return user;
    },
    issueCode(userId, codeChallenge) {
      const code = randomBytes(15).toString("hex");
      codes.set(code, { userId, challenge: codeChallenge });
      return code;
    },
    stop: () => server.stop(true),
  };

  function token(body: URLSearchParams): Response {
    if (body.get("client_id") !== FAKE_CLIENT_ID || body.get("client_secret") !== FAKE_CLIENT_SECRET) {
      return json({ status: 403, message: "invalid client secret" }, 403);
    }
    const accessToken = randomBytes(15).toString("hex");
    if (body.get("grant_type") === "client_credentials") {
      appTokens.add(accessToken);
      return json({ access_token: accessToken, expires_in: 5_000_000, token_type: "bearer" });
    }
    const grant = codes.get(body.get("code") ?? "");
    codes.delete(body.get("code") ?? "");
    const verifier = body.get("code_verifier") ?? "";
    const verified = !grant?.challenge || createHash("sha256").update(verifier).digest("base64url") === grant.challenge;
    if (!grant || !verified || body.get("grant_type") !== "authorization_code") {
      return json({ status: 400, message: "Invalid authorization code" }, 400);
    }
    userTokens.set(accessToken, grant.userId);
    return json({
      access_token: accessToken,
      refresh_token: randomBytes(15).toString("hex"),
      expires_in: 14_000,
      scope: ["user:read:email"],
      token_type: "bearer",
    });
  }

  function helix(url: URL, req: Request): Response {
    const bearer = req.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    if (req.headers.get("client-id") !== FAKE_CLIENT_ID) return json({ error: "Unauthorized", status: 401 }, 401);
    if (url.pathname === "/helix/users") {
      const user = fake.users.get(userTokens.get(bearer) ?? "");
      return user
        ? json({ data: [user] })
        : json({ error: "Unauthorized", status: 401, message: "Invalid OAuth token" }, 401);
    }
    if (!appTokens.has(bearer) && !userTokens.has(bearer)) return json({ error: "Unauthorized", status: 401 }, 401);
    const ids = url.searchParams.getAll("id");
    if (url.pathname === "/helix/clips") {
      return json({ data: ids.flatMap((id) => fake.clips.get(id) ?? []), pagination: {} });
    }
    if (url.pathname === "/helix/games") return json({ data: ids.flatMap((id) => fake.games.get(id) ?? []) });
    return json({ error: "Not Found", status: 404 }, 404);
  }

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    fake.calls.push(`${req.method} ${url.pathname}`);
    if (fake.failure === "slow") await sleep(fake.slowMs);
    if (fake.failure === "error") return json({ error: "Service Unavailable", status: 503 }, 503);
    if (req.method === "GET" && url.pathname === "/oauth2/authorize") {
      const target = new URL(url.searchParams.get("redirect_uri") ?? "http://invalid");
      target.searchParams.set("state", url.searchParams.get("state") ?? "");
      if (fake.loginAs === null) target.searchParams.set("error", "access_denied");
      else
        target.searchParams.set(
          "code",
          fake.issueCode(fake.loginAs, url.searchParams.get("code_challenge") ?? undefined),
        );
      return Response.redirect(target.toString(), 302);
    }
    if (req.method === "POST" && url.pathname === "/oauth2/token") {
      return token(new URLSearchParams(await req.text()));
    }
    if (req.method === "GET" && url.pathname === "/oauth2/validate") {
      const bearer = req.headers.get("authorization")?.replace(/^OAuth /, "") ?? "";
      const userId = userTokens.get(bearer);
      if (!userId && !appTokens.has(bearer)) return json({ status: 401, message: "invalid access token" }, 401);
      const login = userId ? fake.users.get(userId)?.login : undefined;
      return json({
        client_id: FAKE_CLIENT_ID,
        login,
        scopes: ["user:read:email"],
        user_id: userId,
        expires_in: 14_000,
      });
    }
    if (req.method === "GET" && url.pathname.startsWith("/helix/")) return helix(url, req);
    return json({ error: "Not Found", status: 404 }, 404);
  }

  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: handle });
  const base = `http://127.0.0.1:${server.port}`;
  fake.env = {
    TWITCH_AUTH_URL: `${base}/oauth2`,
    TWITCH_API_URL: `${base}/helix`,
    TWITCH_CLIENT_ID: FAKE_CLIENT_ID,
    TWITCH_CLIENT_SECRET: FAKE_CLIENT_SECRET,
  };
  return fake;
}

export function fakeClip(overrides: Partial<TwitchClip> = {}): TwitchClip {
  const id = overrides.id ?? `FakeClip${randomBytes(6).toString("hex")}`;
  return {
    id,
    url: `https://clips.twitch.tv/${id}`,
    embed_url: `https://clips.twitch.tv/embed?clip=${id}`,
    broadcaster_id: "2002",
    broadcaster_name: "some_streamer",
    creator_id: "1001",
    creator_name: "clipper_person",
    video_id: "",
    game_id: "516575",
    language: "en",
    title: "What a play",
    view_count: 1234,
    created_at: new Date(Date.now() - 86_400_000).toISOString(),
    thumbnail_url: `https://clips-media-assets2.twitch.tv/${id}-preview-480x272.jpg`,
    duration: 29.9,
    vod_offset: null,
    is_featured: false,
    ...overrides,
  };
}

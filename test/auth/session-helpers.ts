import { createHash, randomBytes } from "node:crypto";
import type { TestContext } from "../support/app";
import type { FakeTwitch } from "../support/fake-twitch";

export interface SetCookie {
  value: string;
  attributes: string[];
}

/** Set-Cookie headers by cookie name, attributes lower-cased (e.g. "max-age=900", "httponly"). */
export function setCookies(res: Response): Record<string, SetCookie> {
  const out: Record<string, SetCookie> = {};
  for (const header of res.headers.getSetCookie()) {
    const [pair = "", ...attributes] = header.split(";").map((s) => s.trim());
    const eq = pair.indexOf("=");
    out[pair.slice(0, eq)] = {
      value: decodeURIComponent(pair.slice(eq + 1)),
      attributes: attributes.map((a) => a.toLowerCase()),
    };
  }
  return out;
}

/** A minimal browser cookie jar for in-process requests. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(res: Response) {
    for (const [name, cookie] of Object.entries(setCookies(res))) {
      if (cookie.attributes.includes("max-age=0") || cookie.value === "") this.cookies.delete(name);
      else this.cookies.set(name, cookie.value);
    }
    return res;
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export function pkcePair() {
  const verifier = randomBytes(48).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export interface PkceStart {
  verifier: string;
  challenge: string;
  /** The SPA's own state, which it expects back on /auth/success. */
  state: string;
  /** The state the API put in the Twitch authorize URL. */
  twitchState: string;
  authorizeUrl: string;
}

/** GET /auth/twitch as the SPA sends it, in the browser whose cookies `jar` holds. */
export async function startPkceLogin(t: TestContext, jar: CookieJar, state = randomBytes(32).toString("hex")) {
  const { verifier, challenge } = pkcePair();
  const res = jar.store(
    await t.request(`/api/v1/auth/twitch?code_challenge=${challenge}&code_challenge_method=S256&state=${state}`, {
      headers: { cookie: jar.header() },
    }),
  );
  if (res.status !== 307) throw new Error(`GET /auth/twitch answered ${res.status}`);
  const authorizeUrl = res.headers.get("location")!;
  const twitchState = new URL(authorizeUrl).searchParams.get("state")!;
  return { verifier, challenge, state, twitchState, authorizeUrl } satisfies PkceStart;
}

export function postTwitchCallback(t: TestContext, jar: CookieJar, body: Record<string, unknown>) {
  return t.request("/api/v1/auth/twitch/callback", {
    method: "POST",
    headers: { "content-type": "application/json", cookie: jar.header() },
    body: JSON.stringify(body),
  });
}

/** The SPA's whole sign-in in one browser: /auth/twitch → Twitch authorize → GET callback → POST callback. */
export async function signInWithTwitch(t: TestContext, fake: FakeTwitch, twitchUserId: string, jar = new CookieJar()) {
  const start = await startPkceLogin(t, jar);
  fake.loginAs = twitchUserId;
  const authorize = await fetch(start.authorizeUrl, { redirect: "manual" });
  const callback = new URL(authorize.headers.get("location")!);
  const bounce = await t.request(`/api/v1/auth/twitch/callback${callback.search}`, {
    headers: { cookie: jar.header() },
  });
  const spa = new URL(bounce.headers.get("location")!);
  const res = jar.store(
    await postTwitchCallback(t, jar, {
      code: spa.searchParams.get("code"),
      state: spa.searchParams.get("state"),
      code_verifier: start.verifier,
    }),
  );
  return { jar, res };
}

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

/** The SPA's whole sign-in: /auth/twitch → Twitch authorize → GET callback → POST callback. Returns the jar. */
export async function signInWithTwitch(t: TestContext, fake: FakeTwitch, twitchUserId: string) {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(32).toString("hex");
  const start = await t.request(
    `/api/v1/auth/twitch?code_challenge=${challenge}&code_challenge_method=S256&state=${state}`,
  );
  fake.loginAs = twitchUserId;
  const authorize = await fetch(start.headers.get("location")!, { redirect: "manual" });
  const callback = new URL(authorize.headers.get("location")!);
  const bounce = await t.request(`/api/v1/auth/twitch/callback${callback.search}`);
  const spa = new URL(bounce.headers.get("location")!);
  const jar = new CookieJar();
  const res = jar.store(
    await t.request("/api/v1/auth/twitch/callback", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        code: spa.searchParams.get("code"),
        state: spa.searchParams.get("state"),
        code_verifier: verifier,
      }),
    }),
  );
  return { jar, res };
}

/**
 * A stand-in for the web app: a start page whose button begins the PKCE sign-in like the real SPA (verifier, challenge
 * and state made in the browser, kept in sessionStorage), and the `/auth/success` page the API redirects back to,
 * which finishes the exchange with a credentialed POST and shows who `/auth/me` says is signed in.
 */
export interface SpaStub {
  url: string;
  stop(): Promise<void>;
}

const page = (title: string, script: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
  <h1>${title}</h1>
  <p id="status">loading</p>
  <p>Signed in as <span id="username"></span></p>
  <button id="sign-in" type="button">Sign in with Twitch</button>
  <script type="module">${script}</script>
</body>
</html>
`;

const START = (api: string) => `
const b64url = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf)))
  .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
const random = (n) => b64url(crypto.getRandomValues(new Uint8Array(n)));
document.getElementById("sign-in").addEventListener("click", async () => {
  const verifier = random(48);
  const state = random(24);
  const challenge = b64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  sessionStorage.setItem("pkce", JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({ state, code_challenge: challenge, code_challenge_method: "S256" });
  location.assign(${JSON.stringify(api)} + "/api/v1/auth/twitch?" + query);
});
document.getElementById("status").textContent = "ready";
`;

const SUCCESS = (api: string) => `
const status = document.getElementById("status");
const params = new URLSearchParams(location.search);
const saved = JSON.parse(sessionStorage.getItem("pkce") ?? "null");
sessionStorage.removeItem("pkce");
try {
  if (params.get("error")) throw new Error("twitch said " + params.get("error"));
  if (!saved || saved.state !== params.get("state")) throw new Error("state mismatch");
  const exchange = await fetch(${JSON.stringify(api)} + "/api/v1/auth/twitch/callback", {
    method: "POST",
    credentials: "include",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: params.get("code"), state: saved.state, code_verifier: saved.verifier }),
  });
  if (!exchange.ok) throw new Error("callback answered " + exchange.status + ": " + (await exchange.text()));
  const me = await fetch(${JSON.stringify(api)} + "/api/v1/auth/me", { credentials: "include" });
  if (!me.ok) throw new Error("/auth/me answered " + me.status);
  document.getElementById("username").textContent = (await me.json()).username;
  status.textContent = "signed in";
} catch (err) {
  status.textContent = "error: " + err.message;
}
`;

export function startSpaStub(apiUrl: string): SpaStub {
  const html = (body: string) => new Response(body, { headers: { "Content-Type": "text/html; charset=utf-8" } });
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const { pathname } = new URL(req.url);
      if (pathname === "/") return html(page("Clipper", START(apiUrl)));
      if (pathname === "/auth/success") return html(page("Signing in", SUCCESS(apiUrl)));
      return new Response("Not Found", { status: 404 });
    },
  });
  return { url: `http://localhost:${server.port}`, stop: () => server.stop(true) };
}

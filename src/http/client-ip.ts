import type { Context } from "hono";
import type { TrustProxy } from "../core/trust-proxy";

const MAX_IP_LENGTH = 64;

interface BunServer {
  requestIP(request: Request): { address: string } | null;
}

/** Bun.serve calls fetch(req, server), so the server arrives as Hono's env; app.request() in tests has none. */
function socketAddress(c: Context): string {
  const server = c.env as Partial<BunServer> | undefined;
  return (typeof server?.requestIP === "function" && server.requestIP(c.req.raw)?.address) || "unknown";
}

/**
 * The caller's address under the configured trust rule. Headers are read only when a proxy is trusted to set them,
 * so a spoofed X-Forwarded-For cannot pick its own rate-limit bucket. With N hops the right-most untrusted entry
 * is the client: each trusted proxy appended the address it saw.
 */
export function clientIp(c: Context, trust: TrustProxy): string {
  let ip: string | undefined;
  if (trust === "fly") ip = c.req.header("fly-client-ip")?.trim();
  else if (typeof trust === "number") {
    const hops = (c.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    ip = hops[Math.max(0, hops.length - trust)];
  }
  return (ip || socketAddress(c)).slice(0, MAX_IP_LENGTH);
}

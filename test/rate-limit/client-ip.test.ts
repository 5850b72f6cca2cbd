import { describe, expect, test } from "bun:test";
import { Hono } from "hono";
import { ConfigError, loadConfig } from "../../src/config";
import type { TrustProxy } from "../../src/core/trust-proxy";
import { clientIp } from "../../src/http/client-ip";

const appFor = (trust: TrustProxy) => new Hono().get("/", (c) => c.text(clientIp(c, trust)));
const ipOf = async (trust: TrustProxy, headers: Record<string, string> = {}) =>
  (await appFor(trust).request("/", { headers })).text();

describe("clientIp", () => {
  test("none: headers are ignored; without a server (app.request) the address is unknown", async () => {
    expect(await ipOf("none", { "x-forwarded-for": "1.2.3.4", "fly-client-ip": "5.6.7.8" })).toBe("unknown");
  });

  test("none: behind Bun.serve the socket peer is used", async () => {
    const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: appFor("none").fetch });
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/`, { headers: { "x-forwarded-for": "1.2.3.4" } });
      expect(await res.text()).toMatch(/127\.0\.0\.1$/);
    } finally {
      await server.stop(true);
    }
  });

  test("fly: Fly-Client-IP", async () => {
    expect(await ipOf("fly", { "fly-client-ip": "5.6.7.8", "x-forwarded-for": "1.2.3.4" })).toBe("5.6.7.8");
    expect(await ipOf("fly")).toBe("unknown");
  });

  test("N hops: the N-th entry from the right; fewer entries than hops give the left-most", async () => {
    const xff = { "x-forwarded-for": "9.9.9.9, 1.1.1.1 , 2.2.2.2" };
    expect(await ipOf(1, xff)).toBe("2.2.2.2");
    expect(await ipOf(2, xff)).toBe("1.1.1.1");
    expect(await ipOf(5, xff)).toBe("9.9.9.9");
    expect(await ipOf(1)).toBe("unknown");
  });
});

describe("TRUST_PROXY and RATE_LIMIT_ENABLED settings", () => {
  test("parse, default and reject", () => {
    expect(loadConfig({}).http.trustProxy).toBe("none");
    expect(loadConfig({ TRUST_PROXY: "fly" }).http.trustProxy).toBe("fly");
    expect(loadConfig({ TRUST_PROXY: "2" }).http.trustProxy).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(ConfigError);
    expect(loadConfig({}).rateLimit.enabled).toBe(true);
    expect(loadConfig({ NODE_ENV: "test" }).rateLimit.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: "test", RATE_LIMIT_ENABLED: "true" }).rateLimit.enabled).toBe(true);
  });
});

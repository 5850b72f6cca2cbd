import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestContext, type TestContext } from "../support/app";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const EXTERNAL = /(?:src|href)=["'](?:https?:)?\/\//;

describe("GET /docs", () => {
  test("serves a Swagger UI page whose assets all come from this server", async () => {
    const res = await t.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toStartWith("text/html");
    const html = await res.text();
    expect(html).not.toMatch(EXTERNAL);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining(["/docs/assets/swagger-ui-bundle.js", "/docs/init.js"]));
    for (const path of assets) {
      const asset = await t.request(path);
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  test("the init script points Swagger UI at the spec and turns off the remote validator badge", async () => {
    const res = await t.request("/docs/init.js");
    expect(res.headers.get("content-type")).toStartWith("text/javascript");
    const script = await res.text();
    expect(script).toContain('"/api/v1/openapi.json"');
    expect(script).toContain("validatorUrl: null");
    expect(script).not.toMatch(/https?:\/\//);
  });

  test("assets carry their content type; anything outside the allow-list is a 404", async () => {
    const css = await t.request("/docs/assets/swagger-ui.css");
    expect(css.headers.get("content-type")).toStartWith("text/css");
    expect((await t.request("/docs/assets/package.json")).status).toBe(404);
    expect((await t.request("/docs/assets/..%2Fpackage.json")).status).toBe(404);
  });
});

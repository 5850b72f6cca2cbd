/**
 * Browser end-to-end (`bun run test:e2e`; not part of `bun test`): the real API process on the embedded database with
 * demo data, the fake Twitch server, a stub of the web app, and Debian's Chromium driven by playwright-core.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { startFakeTwitch } from "../support/fake-twitch";
import { closedPort } from "../support/process";
import { localUrl, type RunningApi, startApi } from "./support/api";
import { chromiumAvailable, launchChromium, newContext, withPage } from "./support/browser";
import { type SpaStub, startSpaStub } from "./support/spa";

interface OpenApiPaths {
  paths: Record<string, Record<string, unknown>>;
}

/**
 * Every operation ("GET /api/v1/ping") the page renders at some point while scrolled from top to bottom, half a
 * viewport at a time. The virtualized list re-renders on the scroll event, before the next frame. Browser code, as a
 * string: the project compiles without DOM types.
 */
const RENDERED_WHILE_SCROLLING = `(async () => {
  const seen = new Set();
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await nextFrame();
    await nextFrame();
    for (const summary of document.querySelectorAll(".opblock-summary")) {
      const path = summary.querySelector(".opblock-summary-path")?.getAttribute("data-path");
      seen.add(summary.querySelector(".opblock-summary-method")?.textContent + " " + path);
    }
  }
  return [...seen];
})()`;

describe.skipIf(!chromiumAvailable)("in a browser, against the embedded default", () => {
  const twitch = startFakeTwitch();
  const dataDir = mkdtempSync(join(tmpdir(), "clipper-e2e-"));
  let spa: SpaStub;
  let api: RunningApi;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    const apiPort = await closedPort();
    spa = startSpaStub(localUrl(apiPort));
    [api, browser] = await Promise.all([
      startApi(apiPort, {
        ...twitch.env,
        DATA_DIR: dataDir,
        DEMO_DATA: "true",
        FRONTEND_URL: spa.url,
        CORS_ALLOWED_ORIGINS: spa.url,
      }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await api?.stop();
    await spa?.stop();
    await twitch.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("Twitch sign-in through the real redirects ends signed in with httpOnly session cookies", async () => {
    const streamer = twitch.addUser({ login: "e2e_streamer", display_name: "E2E_Streamer" });
    twitch.loginAs = streamer.id;
    context = await newContext(browser);

    await withPage(context, "twitch-login", async (page) => {
      const visited: string[] = [];
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame()) visited.push(new URL(frame.url()).pathname);
      });
      await page.goto(spa.url);
      await page.locator("#status", { hasText: "ready" }).waitFor();
      await page.click("#sign-in");
      await page.waitForURL(`${spa.url}/auth/success?**`);
      await page.locator("#status", { hasText: /signed in|error/ }).waitFor();

      expect(await page.textContent("#status")).toBe("signed in");
      expect(await page.textContent("#username")).toBe("e2e_streamer");
      expect(twitch.calls).toEqual(
        expect.arrayContaining(["GET /oauth2/authorize", "POST /oauth2/token", "GET /helix/users"]),
      );
      expect(visited.at(-1)).toBe("/auth/success");
      // Cookies ignore ports, so the app's page would see them here if they were not httpOnly.
      expect(await page.evaluate<string>("document.cookie")).not.toMatch(/access_token|refresh_token/);
    });

    const cookies = await context.cookies(api.url);
    for (const name of ["access_token", "refresh_token"]) {
      const cookie = cookies.find((c) => c.name === name);
      expect(cookie, name).toBeDefined();
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
      expect(cookie!.value.length).toBeGreaterThan(20);
    }
  });

  test("/docs renders Swagger UI offline and Try it out → Execute calls GET /api/v1/ping", async () => {
    const docs = await newContext(browser);
    const external: string[] = [];
    docs.on("request", (req) => {
      const { hostname } = new URL(req.url());
      if (hostname !== "localhost" && hostname !== "127.0.0.1") external.push(req.url());
    });
    try {
      await withPage(docs, "docs-try-it-out", async (page) => {
        // Swagger UI renders a long operation list (150+ tags and operations) only around the viewport, so the
        // ping operation, far down the page, is reached through its deep link as a reader would.
        await page.goto(`${api.url}/docs#/ping`);
        const ping = page.locator('.opblock.opblock-get:has(.opblock-summary-path[data-path="/api/v1/ping"])');
        await ping.waitFor();

        await ping.locator(".opblock-summary-control").click();
        await ping.locator("button.try-out__btn").click();
        await ping.locator("button.execute").click();
        const status = ping.locator(".live-responses-table .response .response-col_status").first();
        await status.waitFor();
        // The spec documents "2XX" as a range, which Swagger UI labels "200 Undocumented".
        expect((await status.textContent())?.trim()).toStartWith("200");
        const body = ping.locator(".live-responses-table .response .response-col_description").first();
        expect(await body.textContent()).toContain('"pong"');

        const spec = (await (await fetch(`${api.url}/api/v1/openapi.json`)).json()) as OpenApiPaths;
        const documented = Object.entries(spec.paths).flatMap(([path, item]) =>
          Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
        );
        expect(documented.length).toBeGreaterThan(100);
        expect((await page.evaluate<string[]>(RENDERED_WHILE_SCROLLING)).sort()).toEqual(documented.sort());
      });
    } finally {
      await docs.close();
    }
    expect(external).toEqual([]);
  });
});

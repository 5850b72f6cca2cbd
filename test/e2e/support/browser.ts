import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); playwright-core never downloads a browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

const ARTIFACTS = join(import.meta.dir, "../../../test-results/e2e");
const ACTION_TIMEOUT_MS = 20_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, timeout: 60_000 });
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  return context;
}

/**
 * Runs `fn` on a fresh page; if it throws, saves a full-page screenshot and the page's console output under
 * test-results/e2e/<name>.* before rethrowing, so a CI failure leaves something to look at.
 */
export async function withPage(context: BrowserContext, name: string, fn: (page: Page) => Promise<void>) {
  const page = await context.newPage();
  const consoleLines: string[] = [];
  page.on("console", (msg) => consoleLines.push(`[${msg.type()}] ${msg.text()}`));
  page.on("pageerror", (err) => consoleLines.push(`[pageerror] ${err.message}`));
  try {
    await fn(page);
  } catch (err) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const base = join(ARTIFACTS, name.replace(/[^A-Za-z0-9_-]+/g, "-"));
    await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 }).catch(() => {});
    await Bun.write(`${base}.log`, `url: ${page.url()}\n${consoleLines.join("\n")}\n`);
    throw err;
  } finally {
    await page.close().catch(() => {});
  }
}

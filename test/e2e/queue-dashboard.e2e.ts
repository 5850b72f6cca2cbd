/**
 * Browser end-to-end for the bull-board queue dashboard (`bun run test:e2e`). It exists only with BullMQ, so this needs a
 * real PostgreSQL and Redis: TEST_DATABASE_URL (a fresh database is created from it and dropped) and TEST_REDIS_URL.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import Redis from "ioredis";
import type { Browser, BrowserContext } from "playwright-core";
import postgres from "postgres";
import { openPostgres } from "../../src/db/client";
import { type UserRole, users } from "../../src/db/schema";
import { recordKarma } from "../../src/modules/karma/ledger";
import { closedPort } from "../support/process";
import { type RunningApi, startApi } from "./support/api";
import { chromiumAvailable, launchChromium, newContext, withPage } from "./support/browser";

const baseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const ADMIN = "admin1_e2e";
const USER = "user1_e2e";

const withDatabase = (name: string) => {
  const url = new URL(baseUrl!);
  url.pathname = `/${name}`;
  return url.toString();
};

async function admin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(baseUrl!, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** The two e2e accounts the demo seed would have made (the seed only runs on the embedded database). */
async function createAccounts(databaseUrl: string) {
  const database = openPostgres(databaseUrl, 1);
  const accounts: [string, UserRole][] = [
    [ADMIN, "admin"],
    [USER, "user"],
  ];
  try {
    for (const [username, role] of accounts) {
      await database.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(users)
          .values({ twitchId: `tw_${username}`, username, displayName: username, role })
          .returning({ id: users.id });
        await recordKarma(tx, { userId: row!.id, amount: 100, source: "initial" });
      });
    }
  } finally {
    await database.close();
  }
}

async function deleteKeys(url: string, prefix: string) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

describe.skipIf(!chromiumAvailable || !baseUrl || !redisUrl)("/admin/queues in a browser (BullMQ)", () => {
  const dbName = `clipper_e2e_${randomUUID().replaceAll("-", "")}`;
  // Cache, rate-limit and CSRF keys of this run stay apart from other suites sharing the Redis, and are deleted after.
  const keyPrefix = `e2e-${dbName.slice(-8)}:`;
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    await admin((sql) => sql.unsafe(`create database ${dbName}`));
    const databaseUrl = withDatabase(dbName);
    [api, browser] = await Promise.all([
      closedPort().then((port) =>
        startApi(port, {
          DATABASE_URL: databaseUrl,
          REDIS_URL: redisUrl!,
          REDIS_KEY_PREFIX: keyPrefix,
        }),
      ),
      launchChromium(),
    ]);
    // The API has migrated the database by the time it listens.
    await createAccounts(databaseUrl);
  });

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await api?.stop();
    await admin((sql) => sql.unsafe(`drop database if exists ${dbName} with (force)`));
    await deleteKeys(redisUrl!, keyPrefix);
  });

  /** A browser context holding the session cookies that test-login set, as a signed-in browser would. */
  async function signedIn(username: string): Promise<BrowserContext> {
    const context = await newContext(browser);
    const res = await context.request.post(`${api.url}/api/v1/auth/test-login`, { data: { username } });
    expect(res.status()).toBe(200);
    const names = (await context.cookies(api.url)).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["access_token", "refresh_token"]));
    return context;
  }

  test("an admin sees the bull-board UI listing the search-index and embed queues", async () => {
    const context = await signedIn(ADMIN);
    try {
      await withPage(context, "queue-dashboard-admin", async (page) => {
        const res = await page.goto(`${api.url}/admin/queues`);
        expect(res?.status()).toBe(200);
        await page.getByText("search-index", { exact: true }).first().waitFor();
        await page.getByText("embed", { exact: true }).first().waitFor();
        expect(await page.title()).toContain("Clipper queues");
      });
    } finally {
      await context.close();
    }
  });

  test("a signed-in non-admin gets 403 and an anonymous visitor 401", async () => {
    const context = await signedIn(USER);
    const anonymous = await newContext(browser);
    try {
      await withPage(context, "queue-dashboard-user", async (page) => {
        const res = await page.goto(`${api.url}/admin/queues`);
        expect(res?.status()).toBe(403);
      });
      await withPage(anonymous, "queue-dashboard-anonymous", async (page) => {
        const res = await page.goto(`${api.url}/admin/queues`);
        expect(res?.status()).toBe(401);
      });
    } finally {
      await Promise.all([context.close(), anonymous.close()]);
    }
  });
});

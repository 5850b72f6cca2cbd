import { join } from "node:path";
import type { Config } from "../config";
import type { Logger } from "../platform/logger";
import { type Database, openPglite, openPostgres } from "./client";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens and migrates the configured database, retrying an unreachable server with backoff for a bounded time. */
export async function connectDatabase(config: Config, logger: Logger): Promise<Database> {
  const { url, poolSize, preparedStatements, startupTimeoutMs, dataDir } = config.database;
  if (!url) {
    const database = await openPglite({ dataDir: join(dataDir, "pglite") });
    await database.migrate();
    return database;
  }
  const database = openPostgres(url, poolSize, { preparedStatements });
  const deadline = Date.now() + startupTimeoutMs;
  for (let attempt = 1, delay = 250; ; attempt++, delay = Math.min(delay * 2, 5000)) {
    try {
      await database.ping();
      break;
    } catch (err) {
      if (Date.now() + delay > deadline) {
        await database.close().catch(() => {});
        throw new Error(`database unreachable after ${attempt} attempts: ${(err as Error).message}`);
      }
      logger.warn({ attempt, retryInMs: delay }, "database unreachable, retrying");
      await sleep(delay);
    }
  }
  await database.migrate();
  return database;
}

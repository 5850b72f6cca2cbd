import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { type Config, ConfigError, loadConfig } from "../src/config";
import { type Database, MIGRATIONS_FOLDER, openPglite, openPostgres, queryRows } from "../src/db/client";
import { connectDatabase } from "../src/db/connect";
import { createLogger } from "../src/platform/logger";

interface JournalEntry {
  when: number;
  tag: string;
}

const journal: JournalEntry[] = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")).entries;

/** Drizzle records each applied migration by its journal timestamp; the newest one tells how far a database is. */
async function lastApplied(database: Database): Promise<number> {
  const rows = await queryRows<{ last: string | null }>(
    database.db,
    sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`,
  ).catch(() => []);
  return Number(rows[0]?.last ?? 0);
}

async function lastAppliedBefore(config: Config): Promise<number | undefined> {
  const { url, dataDir } = config.database;
  const pgliteDir = join(dataDir, "pglite");
  if (!url && !existsSync(pgliteDir)) return 0;
  try {
    const database = url ? openPostgres(url, 1) : await openPglite({ dataDir: pgliteDir });
    try {
      return await lastApplied(database);
    } finally {
      await database.close();
    }
  } catch {
    return undefined;
  }
}

function describeTarget(config: Config) {
  if (!config.database.url) return `embedded PGlite in ${join(config.database.dataDir, "pglite")}`;
  const url = new URL(config.database.url);
  if (url.password) url.password = "***";
  return url.toString();
}

async function main() {
  const config = loadConfig();
  const started = performance.now();
  const before = await lastAppliedBefore(config);
  const database = await connectDatabase(config, createLogger(config));
  const after = await lastApplied(database).finally(() => database.close());
  const ms = Math.round(performance.now() - started);

  const target = describeTarget(config);
  const applied = before === undefined ? [] : journal.filter((m) => m.when > before && m.when <= after);
  const latest = journal.findLast((m) => m.when <= after)?.tag ?? "none";
  if (applied.length > 0) {
    console.log(
      `Applied ${applied.length} migration(s) to ${target} in ${ms} ms: ${applied.map((m) => m.tag).join(", ")}`,
    );
  } else {
    console.log(`${target} is up to date at ${latest} (${journal.length} migrations known, ${ms} ms)`);
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `Migration failed: ${(err as Error).message}`);
  process.exit(1);
});

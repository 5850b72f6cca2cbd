import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { vector } from "@electric-sql/pglite-pgvector";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
/** A database or an open transaction: repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  kind: "postgres" | "pglite";
  db: Db;
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Embedded only: a snapshot of the data directory, used to clone a migrated template in tests. */
  dump?(): Promise<Blob>;
}

export const MIGRATIONS_FOLDER = join(import.meta.dir, "../../drizzle");
const drizzleOptions = { schema, casing: "snake_case" as const };

export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}

type PgClient = ReturnType<typeof postgres>;
type Scoped = { unsafe: PgClient["unsafe"]; begin?: PgClient["begin"]; savepoint?: PgClient["begin"] };

/**
 * Drizzle sends every query it did not name as an unprepared statement, and postgres-js then spends two round trips
 * on each one that has parameters (Parse+Describe to learn the parameter types, then Bind+Execute). Preparing them
 * makes every later run of the same SQL on a connection one round trip with no parse: uncached feed pages went from
 * 425 to 545 req/s in the benchmark. Transactions and savepoints hand out new clients, so those are wrapped too.
 * A connection keeps every statement it prepared, so bulk statements (a multi-row VALUES list comes in as many
 * shapes as batch sizes, each a large parse tree) stay unprepared: for them the extra round trip is amortised anyway.
 */
const MAX_PREPARED_PARAMETERS = 64;
function preferPrepared<S extends Scoped>(sql: S): S {
  const { unsafe, begin, savepoint } = sql;
  sql.unsafe = ((query, params, options) =>
    unsafe(query, params, { ...options, prepare: (params?.length ?? 0) <= MAX_PREPARED_PARAMETERS })) as S["unsafe"];
  const scoped = (open: NonNullable<S["begin"]>) =>
    ((...args: unknown[]) => {
      const fn = args.pop() as (tx: Scoped) => unknown;
      return (open as (...a: unknown[]) => unknown)(...args, (tx: Scoped) => fn(preferPrepared(tx)));
    }) as NonNullable<S["begin"]>;
  if (begin) sql.begin = scoped(begin);
  if (savepoint) sql.savepoint = scoped(savepoint);
  return sql;
}

/** `preparedStatements: false` for a pooler in transaction mode that cannot keep named statements (DATABASE_PREPARED_STATEMENTS). */
export function openPostgres(url: string, poolSize: number, { preparedStatements = true } = {}): Database {
  const client = postgres(url, {
    max: poolSize,
    connect_timeout: 2,
    idle_timeout: 30,
    max_lifetime: 3600,
    // postgres-js waits 3^n/100 s (up to 20 s) before reconnecting after n failures and parks queries meanwhile, so an
    // outage turned into multi-second hangs; a short cap makes queries fail fast (503) and recover at once.
    backoff: (retries: number) => Math.min(0.02 * 2 ** retries, 0.25),
    onnotice: () => {},
  });
  const db = drizzlePostgres(preparedStatements ? preferPrepared(client) : client, drizzleOptions) as unknown as Db;
  return {
    kind: "postgres",
    db,
    ping: async () => {
      await client`select 1`;
    },
    migrate: () => migrateLocked(url),
    close: () => client.end({ timeout: 5 }),
  };
}

/** Any constant works; it only has to be the same in every instance ("clipperm" as a bigint). */
const MIGRATION_LOCK_KEY = "7164217038882566765";

/**
 * Instances starting together would otherwise all see the same missing migrations and apply them at once ("relation
 * already exists", a failed CREATE EXTENSION). A session advisory lock makes them take turns: the first migrates,
 * the others then find nothing left to do. The lock lives on a connection of its own and goes
 * with it when that connection ends, a crashed start included.
 */
async function migrateLocked(url: string): Promise<void> {
  const client = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY}::bigint)`;
    await migratePostgres(drizzlePostgres(client, drizzleOptions), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end({ timeout: 5 });
  }
}

export async function openPglite(source: { dataDir?: string; loadDataDir?: Blob | File }): Promise<Database> {
  if (source.dataDir) mkdirSync(source.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: source.dataDir,
    loadDataDir: source.loadDataDir,
    extensions: { vector, pg_trgm, unaccent },
  });
  const orm = drizzlePglite(client, drizzleOptions);
  return {
    kind: "pglite",
    db: orm as unknown as Db,
    ping: async () => {
      await client.query("select 1");
    },
    migrate: () => migratePglite(orm, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
    dump: () => client.dumpDataDir("none"),
  };
}

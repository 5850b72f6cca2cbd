import { type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { type Db, queryRows } from "../db/client";
import * as t from "../db/schema";
import type { Dataset } from "./dataset";
import type { ClipChunk } from "./rows";

const ROWS_PER_STATEMENT = 2000;

export type SeedCounts = Record<string, number>;

/**
 * One statement per batch: the rows travel as a single JSON parameter and json_populate_recordset turns them into
 * the table's row type, which is far cheaper than thousands of bind parameters and works the same on PGlite.
 */
async function insertRows(db: Db, table: PgTable, rows: object[]): Promise<void> {
  if (!rows.length) return;
  const columns = sql.join(
    Object.keys(rows[0]!).map((k) => sql.identifier(k)),
    sql`, `,
  );
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const json = JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT));
    await db.execute(
      sql`insert into ${table} (${columns}) select ${columns} from json_populate_recordset(null::${table}, ${json}::json)`,
    );
  }
}

const CHUNK_TABLES: [keyof ClipChunk, PgTable][] = [
  ["clips", t.clips],
  ["clipTags", t.clipTags],
  ["votes", t.votes],
  ["favorites", t.favorites],
  ["comments", t.comments],
  ["commentVotes", t.commentVotes],
  ["karma", t.karmaHistory],
  ["submissions", t.clipSubmissions],
];

export interface InsertOptions {
  chunkSize?: number;
  /** Chunks inserted at once, each in its own transaction; keep 1 for PGlite (one connection). */
  concurrency?: number;
  onProgress?: (clipsDone: number) => void;
}

/** Inserts a generated dataset; the counters in users and tags are set last from the generator's totals. */
export async function insertDataset(db: Db, data: Dataset, options: InsertOptions = {}): Promise<SeedCounts> {
  const counts: SeedCounts = { users: data.users.length, games: data.games.length, tags: data.tags.length };
  await db.transaction(async (tx) => {
    await insertRows(tx, t.users, data.users);
    await insertRows(tx, t.games, data.games);
    await insertRows(tx, t.tags, data.tags);
    await insertRows(tx, t.karmaHistory, data.initialKarma);
  });
  counts.karma = data.initialKarma.length;

  const inflight = new Set<Promise<void>>();
  let failure: unknown;
  let done = 0;
  for (const chunk of data.chunks(options.chunkSize ?? 1000)) {
    if (failure) break;
    for (const [key] of CHUNK_TABLES) counts[key] = (counts[key] ?? 0) + chunk[key].length;
    const job: Promise<void> = db
      .transaction(async (tx) => {
        for (const [key, table] of CHUNK_TABLES) await insertRows(tx, table, chunk[key]);
      })
      .then(
        () => {
          done += chunk.clips.length;
          options.onProgress?.(done);
        },
        (err) => {
          failure ??= err;
        },
      )
      .finally(() => inflight.delete(job));
    inflight.add(job);
    if (inflight.size >= (options.concurrency ?? 1)) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  if (failure) throw failure;

  const { karma, tagUsage } = data.totals();
  await db.transaction(async (tx) => {
    await tx.execute(setFrom(t.users, "karma_points", karma));
    await tx.execute(setFrom(t.tags, "usage_count", tagUsage));
  });
  return counts;
}

function setFrom(table: PgTable, column: string, values: Map<string, number>): SQL {
  const json = JSON.stringify([...values].map(([id, value]) => ({ id, value })));
  return sql`update ${table} as target set ${sql.identifier(column)} = v.value
    from json_to_recordset(${json}::json) as v(id uuid, value int) where target.id = v.id`;
}

/** True when the database already holds users or clips. */
export async function hasData(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(
    db,
    sql`select exists (select 1 from ${t.users}) or exists (select 1 from ${t.clips}) as found`,
  );
  return Boolean(row?.found);
}

/** Truncates every table in the public schema (the migrations journal lives in its own schema). */
export async function truncateAppTables(db: Db): Promise<void> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  if (!rows.length) return;
  const list = sql.join(
    rows.map((r) => sql.identifier(r.name)),
    sql`, `,
  );
  await db.execute(sql`truncate table ${list} restart identity cascade`);
}

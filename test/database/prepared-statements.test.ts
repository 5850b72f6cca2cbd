import { afterAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { type Database, openPostgres, queryRows } from "../../src/db/client";

// Prepared statements are a property of a PostgreSQL connection; PGlite runs in process and has none to keep.
const url = process.env.TEST_DATABASE_URL;

describe.if(!!url)("prepared statements on PostgreSQL (TEST_DATABASE_URL)", () => {
  const opened: Database[] = [];
  afterAll(() => Promise.all(opened.map((d) => d.close())));

  /** Runs a parameterised query twice on one connection, then lists that connection's named statements. */
  async function statementsAfterTwoRuns(database: Database) {
    return database.db.transaction(async (tx) => {
      for (let i = 0; i < 2; i++) await tx.execute(sql`select ${i}::int as prepared_twice`);
      // A savepoint's client is a different object; its queries must be prepared as well.
      await tx.transaction((inner) => inner.execute(sql`select ${"x"}::text as prepared_in_savepoint`));
      // Bulk statements (many parameters, as many shapes as batch sizes) are not kept.
      const many = sql.join(
        Array.from({ length: 65 }, (_, i) => sql`${i}::int`),
        sql`, `,
      );
      await tx.execute(sql`select greatest(${many}) as too_many_to_keep`);
      return queryRows<{ statement: string }>(
        tx,
        sql`select statement from pg_prepared_statements where statement like 'select %$1::%'`,
      );
    });
  }

  test("Drizzle's queries are prepared once per connection, inside transactions and savepoints too", async () => {
    const database = openPostgres(url!, 1);
    opened.push(database);
    const statements = (await statementsAfterTwoRuns(database)).map((s) => s.statement).sort();
    expect(statements).toEqual(["select $1::int as prepared_twice", "select $1::text as prepared_in_savepoint"]);
  });

  test("DATABASE_PREPARED_STATEMENTS=false leaves nothing prepared (for poolers in transaction mode)", async () => {
    const database = openPostgres(url!, 1, { preparedStatements: false });
    opened.push(database);
    expect(await statementsAfterTwoRuns(database)).toEqual([]);
  });
});

import { describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { MIGRATIONS_FOLDER, openPostgres, queryRows } from "../../src/db/client";
import { createEmptyPostgresDatabase } from "../support/database";

const serverUrl = process.env.TEST_DATABASE_URL;
const journal = (await Bun.file(`${MIGRATIONS_FOLDER}/meta/_journal.json`).json()) as { entries: unknown[] };

// Instances starting together (a deploy, a scale-up) each migrate at start; PGlite belongs to one process.
describe.if(!!serverUrl)("migrations at start (TEST_DATABASE_URL)", () => {
  test("several instances migrating one fresh database at once all succeed, each migration applied once", async () => {
    const fresh = await createEmptyPostgresDatabase(serverUrl!, "migrate");
    const instances = Array.from({ length: 4 }, () => openPostgres(fresh.url, 5));
    try {
      const results = await Promise.allSettled(instances.map((db) => db.migrate()));
      expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(["ok", "ok", "ok", "ok"]);
      const applied = await queryRows<{ n: number }>(
        instances[0]!.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(applied[0]!.n).toBe(journal.entries.length);
      // A later start finds nothing to do.
      await instances[0]!.migrate();
    } finally {
      await Promise.all(instances.map((db) => db.close()));
      await fresh.drop();
    }
  }, 120_000);
});

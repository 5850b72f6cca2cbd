import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { ConfigError, loadConfig } from "../../src/config";
import { type Database, type Db, openPglite, queryRows } from "../../src/db/client";
import { createReplicaSet, type ReplicaSet } from "../../src/db/replicas";
import { createLogger } from "../../src/platform/logger";

// The routing rules on three embedded databases standing in for a primary and two replicas, each holding a marker
// row that names it; test/replicas/streaming.test.ts checks the same against a real streaming replica.
const logger = createLogger(loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }));
const options = { maxLagMs: 1000, checkIntervalMs: 60_000 };

async function named(name: string): Promise<Database> {
  const database = await openPglite({});
  await database.db.execute(sql`create table marker (name text)`);
  await database.db.execute(sql.raw(`insert into marker values ('${name}')`));
  return database;
}

const whoAnswers = async (db: Db) => (await queryRows<{ name: string }>(db, sql`select name from marker`))[0]!.name;

describe("createReplicaSet", () => {
  let primary: Database;
  let replicas: Database[];
  let set: ReplicaSet;

  beforeAll(async () => {
    primary = await named("primary");
    replicas = [await named("r1"), await named("r2")];
    set = createReplicaSet(primary.db, replicas, options, logger);
    await set.check();
  }, 120_000);
  afterAll(async () => {
    await set.close();
    await primary.close();
  });

  test("without replicas readDb is the primary itself and routing is a no-op", async () => {
    const none = createReplicaSet(primary.db, [], options, logger);
    expect(none.readDb).toBe(primary.db);
    expect(await none.routeRequest(false, () => whoAnswers(none.readDb))).toBe("primary");
    expect(none.states()).toEqual([]);
    await none.close();
  });

  test("reads outside a request go round-robin over the healthy replicas", async () => {
    expect(set.states().map((s) => s.healthy)).toEqual([true, true]);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await whoAnswers(set.readDb));
    expect(new Set(answers)).toEqual(new Set(["r1", "r2"]));
    expect(answers[0]).not.toBe(answers[1]);
  });

  test("a request routed to a replica reads every query from that one replica", async () => {
    const seen = await set.routeRequest(false, async () => {
      const first = await whoAnswers(set.readDb);
      const rest = await Promise.all([whoAnswers(set.readDb), whoAnswers(set.readDb), whoAnswers(set.readDb)]);
      return [first, ...rest];
    });
    expect(["r1", "r2"]).toContain(seen[0]!);
    expect(new Set(seen).size).toBe(1);
  });

  test("a request routed to the primary (a write, or a sticky caller) reads from the primary", async () => {
    expect(await set.routeRequest(true, () => whoAnswers(set.readDb))).toBe("primary");
  });

  test("transactions on readDb run on the chosen database", async () => {
    const inTx = await set.routeRequest(true, () => set.readDb.transaction((tx) => whoAnswers(tx)));
    expect(inTx).toBe("primary");
  });

  test("a replica that stops answering leaves the rotation; with none left reads go to the primary", async () => {
    await replicas[0]!.close();
    await set.check();
    expect(set.states().map((s) => s.healthy)).toEqual([false, true]);
    for (let i = 0; i < 3; i++) expect(await whoAnswers(set.readDb)).toBe("r2");

    await replicas[1]!.close();
    await set.check();
    expect(set.states().every((s) => !s.healthy)).toBe(true);
    expect(await whoAnswers(set.readDb)).toBe("primary");
    expect(await set.routeRequest(false, () => whoAnswers(set.readDb))).toBe("primary");
  });
});

describe("replica configuration", () => {
  const base = { NODE_ENV: "test", DATABASE_URL: "postgres://db.internal:5432/clipper" };

  test("DATABASE_REPLICA_URLS is a comma list of URLs, empty by default", () => {
    expect(loadConfig(base).database.replicaUrls).toEqual([]);
    const config = loadConfig({
      ...base,
      DATABASE_REPLICA_URLS: "postgres://r1.internal/clipper, postgres://r2.internal/clipper",
    });
    expect(config.database.replicaUrls).toEqual(["postgres://r1.internal/clipper", "postgres://r2.internal/clipper"]);
    expect(config.database.replicaMaxLagMs).toBe(5000);
  });

  test("a malformed replica URL or replicas without DATABASE_URL are configuration errors", () => {
    expect(() => loadConfig({ ...base, DATABASE_REPLICA_URLS: "not a url" })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "test", DATABASE_REPLICA_URLS: "postgres://r1.internal/clipper" })).toThrow(
      /DATABASE_REPLICA_URLS/,
    );
  });
});

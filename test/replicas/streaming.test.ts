import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { loadConfig } from "../../src/config";
import { queryRows } from "../../src/db/client";
import { createDeps } from "../../src/deps";
import { stickyPrimaryKey } from "../../src/http/middleware/read-routing";
import { eventually } from "../search-opensearch/support";
import { contextFor, json, TEST_JWT_SECRET, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser } from "../support/users";

// Against a real primary and a streaming hot standby from `bash scripts/replica/start.sh` (.ci/run starts them and
// sets both variables); skipped, visibly, without them. Lag is made by pausing WAL replay on the standby.
const primaryUrl = process.env.TEST_PRIMARY_URL?.trim() || undefined;
const replicaUrl = process.env.TEST_REPLICA_URL?.trim() || undefined;
const name = `clipper_replica_${randomUUID().replaceAll("-", "")}`;

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function context(env: Record<string, string>): Promise<TestContext> {
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: "./.tmp/test-data",
    DATABASE_URL: withDatabase(primaryUrl!, name),
    DATABASE_REPLICA_URLS: withDatabase(replicaUrl!, name),
    DATABASE_REPLICA_CHECK_INTERVAL_MS: "200",
    DATABASE_POOL_SIZE: "4",
    OUTBOX_POLL_INTERVAL_MS: "0",
    ...env,
  });
  const deps = await createDeps(config);
  return contextFor(deps);
}

const inRotation = (t: TestContext) => eventually(async () => expect(t.deps.replicas.states()[0]!.healthy).toBe(true));
const ids = (body: { data: { id: string }[] }) => body.data.map((clip) => clip.id);

describe.skipIf(!primaryUrl || !replicaUrl)("streaming replica (TEST_PRIMARY_URL + TEST_REPLICA_URL)", () => {
  let admin: postgres.Sql;
  let standby: postgres.Sql;
  let t: TestContext;

  const setReplay = async (paused: boolean) => {
    await (paused ? standby`select pg_wal_replay_pause()` : standby`select pg_wal_replay_resume()`);
  };

  beforeAll(async () => {
    admin = postgres(primaryUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    // createDeps migrates the primary; the standby replays the new database, so it answers once it has the schema.
    t = await context({ DATABASE_REPLICA_MAX_LAG_MS: "60000" });
    standby = postgres(withDatabase(replicaUrl!, name), { max: 1, onnotice: () => {} });
    await eventually(async () => expect((await standby`select count(*)::int as n from clips`)[0]!.n).toBe(0), 30_000);
    await inRotation(t);
  }, 120_000);
  afterAll(async () => {
    await setReplay(false).catch(() => {});
    await t?.close();
    await standby?.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  test("readDb reads from the standby and db writes to the primary", async () => {
    const recovery = async (db: typeof t.deps.db) =>
      (await queryRows<{ r: boolean }>(db, sql`select pg_is_in_recovery() as r`))[0]!.r;
    expect(await recovery(t.deps.readDb)).toBe(true);
    expect(await recovery(t.deps.db)).toBe(false);
    expect(await t.deps.replicas.routeRequest(true, () => recovery(t.deps.readDb))).toBe(false);
  });

  test("an anonymous list comes from the replica; the caller's own vote is read back from the primary", async () => {
    const submitter = await createUser(t);
    const voter = await createUser(t);
    const clip = await createClip(t, submitter.id);
    await eventually(async () =>
      expect(ids(await json(await t.request(`/api/v1/users/${submitter.id}/clips`)))).toEqual([clip.id]),
    );

    await setReplay(true);
    try {
      const vote = await t.request(`/api/v1/clips/${clip.id}/vote`, {
        method: "POST",
        headers: voter.headers,
        body: JSON.stringify({ vote: 1 }),
      });
      expect(vote.status).toBe(200);
      expect(await t.deps.cache.get(stickyPrimaryKey(voter.id))).not.toBeNull();

      // The replica has not replayed the vote: anonymous readers still see the old list.
      const upvoted = `/api/v1/users/${voter.id}/upvoted`;
      expect(ids(await json(await t.request(upvoted)))).toEqual([]);
      // The voter, inside the sticky window, reads the primary and sees their own vote.
      expect(ids(await json(await t.request(upvoted, { headers: voter.headers })))).toEqual([clip.id]);
      // Another signed-in user who wrote nothing reads the replica too.
      const other = await createUser(t);
      expect(ids(await json(await t.request(upvoted, { headers: other.headers })))).toEqual([]);
    } finally {
      await setReplay(false);
    }
    const upvoted = `/api/v1/users/${voter.id}/upvoted`;
    await eventually(async () => expect(ids(await json(await t.request(upvoted)))).toEqual([clip.id]));
  });

  test("a replica lagging past DATABASE_REPLICA_MAX_LAG_MS leaves the rotation until it catches up", async () => {
    const strict = await context({ DATABASE_REPLICA_MAX_LAG_MS: "300" });
    try {
      await inRotation(strict);
      const submitter = await createUser(strict);
      await setReplay(true);
      try {
        const clip = await createClip(strict, submitter.id);
        await eventually(async () => expect(strict.deps.replicas.states()[0]!.healthy).toBe(false));
        expect(strict.deps.replicas.states()[0]!.lagMs).toBeGreaterThan(300);
        // Out of rotation, so even an anonymous read goes to the primary and sees the new clip.
        const res = await strict.request(`/api/v1/users/${submitter.id}/clips`);
        expect(ids(await json(res))).toEqual([clip.id]);
      } finally {
        await setReplay(false);
      }
      await inRotation(strict);
    } finally {
      await strict.close();
    }
  });

  test("a stopped replica is taken out of rotation, reads still succeed, and it returns when it is back", async () => {
    const script = join(import.meta.dir, "../../scripts/replica/standby.sh");
    const user = await createUser(t);
    await createClip(t, user.id);
    await standby.end();
    expect(Bun.spawnSync(["bash", script, "stop"]).exitCode).toBe(0);
    try {
      await t.deps.replicas.check();
      expect(t.deps.replicas.states()[0]!.healthy).toBe(false);
      for (let i = 0; i < 3; i++) {
        const res = await t.request(`/api/v1/users/${user.id}/clips`);
        expect(res.status).toBe(200);
        expect(ids(await json(res))).toHaveLength(1);
      }
      expect((await t.request("/api/v1/leaderboards/karma")).status).toBe(200);
    } finally {
      expect(Bun.spawnSync(["bash", script, "start"]).exitCode).toBe(0);
      standby = postgres(withDatabase(replicaUrl!, name), { max: 1, onnotice: () => {} });
    }
    await inRotation(t);
    // Pooled connections the restart cut are replaced as they are next used; a read may meet one once.
    await eventually(async () =>
      expect(ids(await json(await t.request(`/api/v1/users/${user.id}/clips`)))).toHaveLength(1),
    );
  });
});

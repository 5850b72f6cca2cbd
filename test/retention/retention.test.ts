import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client";
import { pruneExpiredRows, RETENTION_BATCH, startRetention } from "../../src/jobs/retention";
import { createTestContext, type TestContext } from "../support/app";
import { silentLogger } from "../support/jobs";
import { createUser } from "../support/users";

// Processed outbox rows, dead refresh tokens and old search analytics used to stay forever. Each test marks its rows
// with a unique tag so that other rows in the same database cannot change the counts.
let t: TestContext;
let userId: string;
beforeAll(async () => {
  t = await createTestContext();
  userId = (await createUser(t)).id;
});
afterAll(() => t.close());

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const DAYS = { outbox: 7, refreshTokens: 30, searchQueries: 90 };

async function outboxRow(aggregateId: string, processedDaysAgo: number | null, count = 1) {
  const processed = processedDaysAgo === null ? sql`null` : sql`${daysAgo(processedDaysAgo)}::timestamptz`;
  await t.deps.db.execute(sql`insert into outbox (topic, aggregate_type, aggregate_id, operation, created_at, processed_at)
    select 'search-index', 'clip', ${aggregateId}::uuid, 'upsert', now() - interval '400 days', ${processed}
    from generate_series(1, ${count})`);
}
const outboxLeft = async (aggregateId: string) =>
  (
    await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from outbox where aggregate_id = ${aggregateId}::uuid`,
    )
  )[0]!.n;

async function token(familyId: string, expiresDaysAgo: number, revokedDaysAgo: number | null) {
  const revoked = revokedDaysAgo === null ? sql`null` : sql`${daysAgo(revokedDaysAgo)}::timestamptz`;
  await t.deps.db.execute(sql`insert into refresh_tokens (user_id, token_hash, family_id, expires_at, revoked_at)
    values (${userId}::uuid, ${randomUUID().replaceAll("-", "")}, ${familyId}::uuid, ${daysAgo(expiresDaysAgo)}::timestamptz, ${revoked})`);
}
const tokensLeft = async (familyId: string) =>
  (
    await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from refresh_tokens where family_id = ${familyId}::uuid`,
    )
  )[0]!.n;

async function search(query: string, createdDaysAgo: number) {
  await t.deps.db.execute(sql`insert into search_queries (user_id, query, created_at)
    values (${userId}::uuid, ${query}, ${daysAgo(createdDaysAgo)}::timestamptz)`);
}
const searchesLeft = async (query: string) =>
  (
    await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from search_queries where query = ${query}`)
  )[0]!.n;

describe("retention", () => {
  test("processed outbox rows older than the cut-off go, in batches; newer and unprocessed ones stay", async () => {
    const [old, recent, pending] = [randomUUID(), randomUUID(), randomUUID()];
    await outboxRow(old, 8, RETENTION_BATCH * 2 + 5);
    await outboxRow(recent, 6);
    await outboxRow(pending, null);
    const deleted = await pruneExpiredRows(t.deps.db, DAYS);
    expect(deleted.outbox).toBeGreaterThanOrEqual(RETENTION_BATCH * 2 + 5);
    expect([await outboxLeft(old), await outboxLeft(recent), await outboxLeft(pending)]).toEqual([0, 1, 1]);
  });

  test("refresh tokens expired or revoked long ago go; live and recently revoked ones stay", async () => {
    const [expired, revoked, live, recentlyRevoked] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await token(expired, 31, null);
    await token(revoked, -5, 31);
    await token(live, -7, null);
    await token(recentlyRevoked, -7, 2);
    await pruneExpiredRows(t.deps.db, DAYS);
    const left = await Promise.all([expired, revoked, live, recentlyRevoked].map(tokensLeft));
    expect(left).toEqual([0, 0, 1, 1]);
  });

  test("search analytics older than the cut-off go", async () => {
    const tag = randomUUID().slice(0, 8);
    await search(`old ${tag}`, 91);
    await search(`new ${tag}`, 89);
    await pruneExpiredRows(t.deps.db, DAYS);
    expect([await searchesLeft(`old ${tag}`), await searchesLeft(`new ${tag}`)]).toEqual([0, 1]);
  });

  test("0 days keeps a kind forever", async () => {
    const aggregate = randomUUID();
    const tag = `kept ${randomUUID().slice(0, 8)}`;
    await outboxRow(aggregate, 3650);
    await search(tag, 3650);
    const deleted = await pruneExpiredRows(t.deps.db, { outbox: 0, refreshTokens: 0, searchQueries: 0 });
    expect(deleted).toEqual({ outbox: 0, refreshTokens: 0, searchQueries: 0 });
    expect([await outboxLeft(aggregate), await searchesLeft(tag)]).toEqual([1, 1]);
  });

  test("the scheduled job runs by itself and stops cleanly", async () => {
    const tag = `scheduled ${randomUUID().slice(0, 8)}`;
    await search(tag, 200);
    const job = startRetention({ db: t.deps.db, logger: silentLogger, days: DAYS, intervalMs: 100, firstRunMs: 0 });
    const deadline = Date.now() + 30_000;
    while ((await searchesLeft(tag)) > 0 && Date.now() < deadline) await Bun.sleep(100);
    await job.stop();
    expect(await searchesLeft(tag)).toBe(0);
  });
});

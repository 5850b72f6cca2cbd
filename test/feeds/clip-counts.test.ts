import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let submitter: TestUser;
beforeAll(async () => {
  t = await createTestContext({ CACHE_ENABLED: "false" });
  submitter = await createUser(t);
}, 120_000);
afterAll(() => t.close());

async function counted() {
  const [row] = await queryRows<{ feed: number; listed: number }>(
    t.deps.db,
    sql`select count(*) filter (where submitted_by_user_id is not null)::int as feed, count(*)::int as listed
      from clips where not is_removed and not is_hidden`,
  );
  return row!;
}
const feedTotal = async () => (await json(await t.request("/api/v1/feeds/clips"))).pagination.total;
const listedTotal = async () => (await json(await t.request("/api/v1/clips?show_all_clips=true"))).meta.total;

async function expectTotalsMatchRows() {
  const rows = await counted();
  expect(await feedTotal()).toBe(rows.feed);
  expect(await listedTotal()).toBe(rows.listed);
}

describe("unfiltered totals from the trigger-kept counts", () => {
  test("follow inserts, bulk inserts, hiding, removal, unsubmitting and deletes", async () => {
    await expectTotalsMatchRows();
    const a = await createClip(t, submitter.id);
    const b = await createClip(t, submitter.id);
    await createClip(t, null);
    await expectTotalsMatchRows();

    await t.deps.db.execute(sql`update clips set is_hidden = true where id = ${a.id}`);
    await expectTotalsMatchRows();
    await t.deps.db.execute(sql`update clips set is_removed = true, is_hidden = false where id = ${a.id}`);
    await expectTotalsMatchRows();
    await t.deps.db.execute(sql`update clips set submitted_by_user_id = null where id = ${b.id}`);
    await expectTotalsMatchRows();
    // A statement touching many rows at once, some of which change scope.
    await t.deps.db.execute(sql`update clips set is_removed = false, vote_score = vote_score + 1`);
    await expectTotalsMatchRows();
    await t.deps.db.execute(sql`delete from clips where id in (${a.id}, ${b.id})`);
    await expectTotalsMatchRows();
  });

  test("stay exact under concurrent inserting sessions", async () => {
    await Promise.all(Array.from({ length: 12 }, () => createClip(t, submitter.id)));
    await expectTotalsMatchRows();
  });

  test("the unfiltered total is read from clip_counts, not counted", async () => {
    const before = await feedTotal();
    await t.deps.db.execute(sql`update clip_counts set n = n + 1000 where scope = 'feed' and slot = 3`);
    expect(await feedTotal()).toBe(before + 1000);
    await t.deps.db.execute(sql`update clip_counts set n = n - 1000 where scope = 'feed' and slot = 3`);
  });

  test("a filtered feed still counts its own rows", async () => {
    const clip = await createClip(t, submitter.id, { gameId: "counts-game" });
    const body = await json(await t.request("/api/v1/feeds/clips?game_id=counts-game"));
    expect(body.pagination.total).toBe(1);
    expect(body.clips[0].id).toBe(clip.id);
  });

  test("a truncate resets the counts", async () => {
    await createClip(t, submitter.id);
    await t.deps.db.execute(sql`truncate clips cascade`);
    expect(await feedTotal()).toBe(0);
    await createClip(t, submitter.id);
    await expectTotalsMatchRows();
    expect(await feedTotal()).toBe(1);
  });
});

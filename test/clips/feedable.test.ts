import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { and, eq, inArray, sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client";
import { clips } from "../../src/db/schema";
import { EMBEDDING_DIMENSIONS } from "../../src/db/schema/clips";
import { type ClipFlags, feedableClips, isFeedable, isListed, listedClips } from "../../src/modules/clips/feedable";
import { refreshSearchTopics } from "../../src/modules/search/pg-topics";
import { refreshSearchWords } from "../../src/modules/search/pg-words";
import { createTag, tagClip, uniqueWord } from "../search/fixtures";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

// The listed/feedable rule is written once in TypeScript (modules/clips/feedable.ts); the database holds copies it
// cannot import, the partial indexes' predicate, the clip_counts triggers (migration 0005) and the search views (0013,
// 0015). Every combination
// of the three flags is checked against all of them. Runs on PGlite, and on real PostgreSQL with TEST_DATABASE_URL.
let t: TestContext;
let submitter: TestUser;
beforeAll(async () => {
  t = await createTestContext({ CACHE_ENABLED: "false" });
  submitter = await createUser(t);
}, 120_000);
afterAll(() => t.close());

type Flags = { isRemoved: boolean; isHidden: boolean; submitted: boolean };
const COMBINATIONS: Flags[] = [false, true].flatMap((isRemoved) =>
  [false, true].flatMap((isHidden) => [false, true].map((submitted) => ({ isRemoved, isHidden, submitted }))),
);
const columns = (f: Flags) => ({
  isRemoved: f.isRemoved,
  isHidden: f.isHidden,
  submittedByUserId: f.submitted ? submitter.id : null,
  submittedAt: f.submitted ? new Date() : null,
});
const flagsOf = (f: Flags): ClipFlags => columns(f);
const label = (f: Flags) => `removed=${f.isRemoved} hidden=${f.isHidden} submitted=${f.submitted}`;

async function counters() {
  const [row] = await queryRows<{ feed: number; listed: number }>(
    t.deps.db,
    sql`select coalesce(sum(n) filter (where scope = 'feed'), 0)::int as feed,
      coalesce(sum(n) filter (where scope = 'listed'), 0)::int as listed from clip_counts`,
  );
  return row!;
}

/** One clip of each combination. */
async function insertAll() {
  const rows = await Promise.all(COMBINATIONS.map((f) => createClip(t, null, columns(f))));
  return rows.map((row, i) => ({ id: row.id, flags: COMBINATIONS[i]! }));
}

const idsWhere = (rows: { id: string; flags: Flags }[], rule: (c: ClipFlags) => boolean) =>
  rows.filter((r) => rule(flagsOf(r.flags))).map((r) => r.id);

describe("the listed and feedable rule", () => {
  test("its TypeScript predicates and SQL fragments (plain and aliased) pick the same clips", async () => {
    const rows = await insertAll();
    const ids = rows.map((r) => r.id);
    const select = async (where: ReturnType<typeof sql>) =>
      (
        await t.deps.db
          .select({ id: clips.id })
          .from(clips)
          .where(and(inArray(clips.id, ids), where))
      ).map((r) => r.id);
    const selectAliased = async (where: ReturnType<typeof sql>) =>
      (
        await queryRows<{ id: string }>(
          t.deps.db,
          sql`select c.id from clips c where c.id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}) and ${where}`,
        )
      ).map((r) => r.id);

    const listed = idsWhere(rows, isListed).sort();
    const feedable = idsWhere(rows, isFeedable).sort();
    expect(listed).toHaveLength(2);
    expect(feedable).toHaveLength(1);
    expect((await select(listedClips())).sort()).toEqual(listed);
    expect((await select(feedableClips())).sort()).toEqual(feedable);
    expect((await selectAliased(listedClips("c"))).sort()).toEqual(listed);
    expect((await selectAliased(feedableClips("c"))).sort()).toEqual(feedable);
  });

  test("the partial indexes' predicate is isFeedable", async () => {
    const rows = await insertAll();
    const predicates = await queryRows<{ name: string; predicate: string }>(
      t.deps.db,
      sql`select i.indexrelid::regclass::text as name, pg_get_expr(i.indpred, i.indrelid) as predicate
        from pg_index i where i.indrelid = 'clips'::regclass and pg_get_expr(i.indpred, i.indrelid) like '%is_hidden%'`,
    );
    // The schema's six plus the two hand-written ones (migrations 0003 and 0004).
    expect(predicates.map((p) => p.name).sort()).toEqual([
      "clips_discussed_idx",
      "clips_game_name_idx",
      "clips_game_name_trgm_idx",
      "clips_hot_idx",
      "clips_new_idx",
      "clips_popular_idx",
      "clips_top_idx",
      "clips_trending_idx",
    ]);
    for (const { name, predicate } of predicates) {
      // The predicate text comes from the catalog of our own schema, never from input.
      const picked = await queryRows<{ id: string }>(
        t.deps.db,
        sql`select id from clips where ${inArray(
          clips.id,
          rows.map((r) => r.id),
        )} and (${sql.raw(predicate)})`,
      );
      expect({ name, ids: picked.map((r) => r.id).sort() }).toEqual({ name, ids: idsWhere(rows, isFeedable).sort() });
    }
  });

  test("the clip_counts triggers count isFeedable and isListed on insert, every update and delete", async () => {
    const delta = (from: Flags | undefined, to: Flags | undefined) => {
      const n = (f: Flags | undefined, rule: (c: ClipFlags) => boolean) => (f && rule(flagsOf(f)) ? 1 : 0);
      return { feed: n(to, isFeedable) - n(from, isFeedable), listed: n(to, isListed) - n(from, isListed) };
    };
    const expectChange = async (step: string, before: { feed: number; listed: number }, want: typeof before) => {
      const after = await counters();
      expect({ step, feed: after.feed - before.feed, listed: after.listed - before.listed }).toEqual({ step, ...want });
    };

    for (const from of COMBINATIONS) {
      for (const to of COMBINATIONS) {
        let before = await counters();
        const clip = await createClip(t, null, columns(from));
        await expectChange(`insert ${label(from)}`, before, delta(undefined, from));
        before = await counters();
        await t.deps.db.update(clips).set(columns(to)).where(eq(clips.id, clip.id));
        await expectChange(`update ${label(from)} -> ${label(to)}`, before, delta(from, to));
        before = await counters();
        await t.deps.db.delete(clips).where(eq(clips.id, clip.id));
        await expectChange(`delete ${label(to)}`, before, delta(to, undefined));
      }
    }
  });

  test("the search views (search_words 0013, search_topics 0015) are built from feedable clips only", async () => {
    const vector = `[${Array.from({ length: EMBEDDING_DIMENSIONS }, (_, i) => (i === 0 ? 1 : 0)).join(",")}]`;
    const made = [];
    for (const flags of COMBINATIONS) {
      const word = uniqueWord();
      const tag = await createTag(t, uniqueWord("topic"));
      // Five clips: the fewest whose tag makes a topic.
      for (let i = 0; i < 5; i++) {
        const clip = await createClip(t, null, { ...columns(flags), title: `${word} moment` });
        await tagClip(t, clip.id, tag.id);
        await t.deps.db.execute(
          sql`update clips set embedding = ${vector}::vector, embedding_model = 'feedable-test' where id = ${clip.id}`,
        );
      }
      made.push({ flags, word, tagId: tag.id });
    }
    await refreshSearchWords(t.deps.db);
    await refreshSearchTopics(t.deps.db);
    for (const { flags, word, tagId } of made) {
      const [row] = await queryRows<{ words: number; topics: number }>(
        t.deps.db,
        sql`select (select count(*)::int from search_words where word = ${word}) as words,
          (select count(*)::int from search_topics where tag_id = ${tagId}) as topics`,
      );
      const want = isFeedable(flagsOf(flags)) ? 1 : 0;
      expect({ flags: label(flags), ...row }).toEqual({ flags: label(flags), words: want, topics: want });
    }
  });

  test("the feed and listing totals the API reads from the counters follow the rule", async () => {
    const feed = async () => (await json(await t.request("/api/v1/feeds/clips"))).pagination.total as number;
    const listed = async () => (await json(await t.request("/api/v1/clips?show_all_clips=true"))).meta.total as number;
    const before = { feed: await feed(), listed: await listed() };
    await insertAll();
    const wanted = {
      feed: COMBINATIONS.filter((f) => isFeedable(flagsOf(f))).length,
      listed: COMBINATIONS.filter((f) => isListed(flagsOf(f))).length,
    };
    expect({ feed: (await feed()) - before.feed, listed: (await listed()) - before.listed }).toEqual(wanted);
  });
});

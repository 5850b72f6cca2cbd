import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";
import { createTag, searchPath, tagClip, uniqueWord } from "./fixtures";

let t: TestContext;
let submitter: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  submitter = await createUser(t);
});
afterAll(() => t.close());

async function clipIds(params: Record<string, string | number | string[]>) {
  const res = await t.request(searchPath({ type: "clips", sort: "recent", ...params }));
  expect(res.status).toBe(200);
  const body = await json(res);
  expect(body.counts.clips).toBe(body.results.clips?.length ?? 0);
  return ((body.results.clips ?? []) as { id: string }[]).map((c) => c.id);
}

describe("GET /search filters", () => {
  test("game, creator, broadcaster and language", async () => {
    const q = uniqueWord();
    const a = await createClip(t, submitter.id, {
      title: q,
      gameId: "g-a",
      creatorId: "c-a",
      broadcasterId: "b-a",
      language: "en",
    });
    const b = await createClip(t, submitter.id, {
      title: q,
      gameId: "g-b",
      creatorId: "c-b",
      broadcasterId: "b-b",
      language: "fr",
      createdAt: new Date(Date.now() - 7_200_000),
    });
    expect(await clipIds({ q })).toEqual([a.id, b.id]);
    expect(await clipIds({ q, game_id: "g-b" })).toEqual([b.id]);
    expect(await clipIds({ q, creator_id: "c-a" })).toEqual([a.id]);
    expect(await clipIds({ q, broadcaster_id: "b-b" })).toEqual([b.id]);
    expect(await clipIds({ q, language: "fr" })).toEqual([b.id]);
    expect(await clipIds({ q, language: "de" })).toEqual([]);
  });

  test("min_votes", async () => {
    const q = uniqueWord();
    const high = await createClip(t, submitter.id, { title: q, voteScore: 20 });
    await createClip(t, submitter.id, { title: q, voteScore: 4 });
    expect(await clipIds({ q, min_votes: 5 })).toEqual([high.id]);
    expect((await clipIds({ q, min_votes: -10 })).length).toBe(2);
  });

  test("date_from and date_to accept dates and RFC 3339 timestamps", async () => {
    const q = uniqueWord();
    const jan = await createClip(t, submitter.id, { title: q, createdAt: new Date("2024-01-10T12:00:00Z") });
    const feb = await createClip(t, submitter.id, { title: q, createdAt: new Date("2024-02-10T12:00:00Z") });
    expect(await clipIds({ q, date_from: "2024-02-01" })).toEqual([feb.id]);
    expect(await clipIds({ q, date_to: "2024-01-10" })).toEqual([jan.id]);
    expect(await clipIds({ q, date_to: "2024-01-10T11:59:59Z" })).toEqual([]);
    expect(await clipIds({ q, date_from: "2024-01-10T12:00:00+00:00", date_to: "2024-02-10T12:00:00Z" })).toEqual([
      feb.id,
      jan.id,
    ]);
  });

  test("tags in every spelling; a clip must carry all of them", async () => {
    const q = uniqueWord();
    const funny = await createTag(t, `funny-${q}`);
    const clutch = await createTag(t, `clutch-${q}`);
    const both = await createClip(t, submitter.id, { title: q });
    const onlyFunny = await createClip(t, submitter.id, { title: q, createdAt: new Date(Date.now() - 7_200_000) });
    await tagClip(t, both.id, funny.id);
    await tagClip(t, both.id, clutch.id);
    await tagClip(t, onlyFunny.id, funny.id);

    expect(await clipIds({ q, tags: funny.slug })).toEqual([both.id, onlyFunny.id]);
    expect(await clipIds({ q, "tags[]": funny.slug })).toEqual([both.id, onlyFunny.id]);
    expect(await clipIds({ q, "tags[]": [funny.slug, clutch.slug] })).toEqual([both.id]);
    expect(await clipIds({ q, tags: [funny.slug, clutch.slug] })).toEqual([both.id]);
    expect(await clipIds({ q, tags: `${funny.slug},${clutch.slug.toUpperCase()}` })).toEqual([both.id]);
    expect(await clipIds({ q, tags: "no-such-tag" })).toEqual([]);

    const body = await json(await t.request(searchPath({ q, type: "clips" })));
    expect(body.facets.tags).toEqual([
      { key: funny.slug, label: funny.name, count: 2 },
      { key: clutch.slug, label: clutch.name, count: 1 },
    ]);
  });
});

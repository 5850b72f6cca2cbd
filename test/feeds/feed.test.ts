import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { clipTags, tags } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let submitter: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  submitter = await createUser(t);
});
afterAll(() => t.close());

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
const uniqueGame = () => `g${randomUUID().slice(0, 12)}`;
const feed = async (query: string, headers?: Record<string, string>) => {
  const res = await t.request(`/api/v1/feeds/clips?${query}`, { headers });
  return { status: res.status, body: await json(res) };
};

async function tag(clipId: string, slug: string) {
  const [row] = await t.deps.db
    .insert(tags)
    .values({ name: slug, slug })
    .onConflictDoUpdate({ target: tags.slug, set: { slug } })
    .returning();
  await t.deps.db.insert(clipTags).values({ clipId, tagId: row!.id });
}

describe("GET /feeds/clips", () => {
  test("family C shape; only submitted, visible clips; submitted_by on every item", async () => {
    const game = uniqueGame();
    const shown = await createClip(t, submitter.id, { gameId: game });
    await createClip(t, null, { gameId: game });
    await createClip(t, submitter.id, { gameId: game, isRemoved: true });
    await createClip(t, submitter.id, { gameId: game, isHidden: true });
    const { status, body } = await feed(`game_id=${game}`);
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    expect(body.clips.map((c: { id: string }) => c.id)).toEqual([shown.id]);
    expect(body.clips[0].submitted_by).toMatchObject({ id: submitter.id, username: submitter.username });
    expect(body.clips[0].user_vote).toBeUndefined();
    expect(body.clips[0].is_favorited).toBe(false);
    expect(body.pagination).toEqual({ limit: 20, offset: 0, has_more: false, total: 1, total_pages: 1 });
    expect(body.filters_applied).toMatchObject({ sort: "trending", game_id: game });
  });

  test("a fresh clip ranks in trending at once, without waiting for a batch job", async () => {
    const game = uniqueGame();
    const old = await createClip(t, submitter.id, { gameId: game, createdAt: hoursAgo(10), viewCount: 100 });
    const fresh = await createClip(t, submitter.id, { gameId: game, createdAt: hoursAgo(0.1), viewCount: 50 });
    const { body } = await feed(`filter[game]=${game}`);
    expect(body.clips.map((c: { id: string }) => c.id)).toEqual([fresh.id, old.id]);
    expect(body.clips[0].trending_score).toBeCloseTo(50, 5);
  });

  test("cursor pages every sort without skipping or repeating rows, in the same order as offsets", async () => {
    const game = uniqueGame();
    const created = [];
    for (let i = 0; i < 23; i++) {
      created.push(
        await createClip(t, submitter.id, {
          gameId: game,
          createdAt: hoursAgo(1 + (i % 5)),
          voteScore: i % 3,
          viewCount: (i % 4) * 10,
          commentCount: i % 2,
          ...(i === 7 ? { submittedAt: null } : {}),
        }),
      );
    }
    for (const sort of ["trending", "popular", "new", "top", "discussed", "hot", "rising"]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const { status, body } = await feed(
          `game_id=${game}&sort=${sort}&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
        expect(status).toBe(200);
        if (cursor) expect(body.pagination.total).toBeUndefined();
        seen.push(...body.clips.map((c: { id: string }) => c.id));
        expect(body.pagination.has_more).toBe(body.pagination.cursor !== undefined);
        cursor = body.pagination.cursor;
        if (!cursor) break;
      }
      expect(new Set(seen).size).toBe(23);
      const byOffset: string[] = [];
      for (const offset of [0, 10, 20]) {
        const { body } = await feed(`game_id=${game}&sort=${sort}&limit=10&offset=${offset}`);
        byOffset.push(...body.clips.map((c: { id: string }) => c.id));
      }
      expect(seen).toEqual(byOffset);
    }
  });

  test("bad cursors and dates are 400 {error}", async () => {
    const bad = await feed("cursor=not-a-cursor");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toStartWith("invalid cursor: ");

    const game = uniqueGame();
    for (let i = 0; i < 11; i++) await createClip(t, submitter.id, { gameId: game });
    const first = await feed(`game_id=${game}&sort=new&limit=10`);
    const wrongSort = await feed(`game_id=${game}&sort=top&cursor=${first.body.pagination.cursor}`);
    expect(wrongSort.status).toBe(400);
    expect(wrongSort.body.error).toStartWith("invalid cursor: ");

    const date = await feed("date_from=yesterday");
    expect(date.status).toBe(400);
    expect(typeof date.body.error).toBe("string");
    expect((await feed("filter[date_to]=2026-13-45")).status).toBe(400);
    expect((await feed(`exclude_tags=${Array.from({ length: 11 }, (_, i) => `t${i}`).join(",")}`)).status).toBe(400);
  });

  test("limit is clamped to 10–100 and unknown sorts fall back to trending", async () => {
    expect((await feed("limit=3")).body.pagination.limit).toBe(10);
    expect((await feed("limit=5000")).body.pagination.limit).toBe(100);
    expect((await feed("sort=bogus")).body.filters_applied.sort).toBe("trending");
  });

  test("tags, exclude_tags, creator, language, nsfw and date filters (both spellings)", async () => {
    const game = uniqueGame();
    const slug = `tag-${randomUUID().slice(0, 8)}`;
    const other = `tag-${randomUUID().slice(0, 8)}`;
    const a = await createClip(t, submitter.id, {
      gameId: game,
      creatorId: "c-a",
      language: "de",
      createdAt: hoursAgo(30),
    });
    const b = await createClip(t, submitter.id, {
      gameId: game,
      creatorId: "c-b",
      isNsfw: true,
      createdAt: hoursAgo(2),
    });
    await tag(a.id, slug);
    await tag(b.id, slug);
    await tag(b.id, other);
    const ids = async (q: string) => (await feed(`game_id=${game}&${q}`)).body.clips.map((c: { id: string }) => c.id);
    expect((await ids(`tag=${slug}`)).sort()).toEqual([a.id, b.id].sort());
    expect(await ids(`tag=${slug},${other}`)).toEqual([b.id]);
    expect(await ids(`filter[tags]=${other}`)).toEqual([b.id]);
    expect(await ids(`exclude_tags=${other}`)).toEqual([a.id]);
    expect(await ids("creator_id=c-b")).toEqual([b.id]);
    expect(await ids("language=de")).toEqual([a.id]);
    expect(await ids("nsfw=false")).toEqual([a.id]);
    expect(await ids(`date_from=${hoursAgo(5).toISOString()}`)).toEqual([b.id]);
    expect(await ids(`filter[date_to]=${hoursAgo(5).toISOString()}`)).toEqual([a.id]);
    expect((await ids(`top10k_streamers=true`)).length).toBe(2);
  });

  test("timeframe applies to top and discussed only; rising looks at the last 48 h", async () => {
    const game = uniqueGame();
    const old = await createClip(t, submitter.id, { gameId: game, createdAt: hoursAgo(72), voteScore: 9 });
    const recent = await createClip(t, submitter.id, { gameId: game, createdAt: hoursAgo(3), voteScore: 1 });
    const ids = async (q: string) => (await feed(`game_id=${game}&${q}`)).body.clips.map((c: { id: string }) => c.id);
    expect(await ids("sort=top&timeframe=day")).toEqual([recent.id]);
    expect(await ids("sort=top&timeframe=all")).toEqual([old.id, recent.id]);
    expect(await ids("sort=discussed&timeframe=day")).toEqual([recent.id]);
    expect((await ids("sort=trending&timeframe=day")).length).toBe(2);
    expect(await ids("sort=rising")).toEqual([recent.id]);
    expect(await ids("sort=hot")).toEqual([recent.id, old.id]);
  });

  test("a signed-in viewer gets user_vote and is_favorited; a bad token is 401", async () => {
    const game = uniqueGame();
    const clip = await createClip(t, submitter.id, { gameId: game });
    const viewer = await createUser(t);
    await t.request(`/api/v1/clips/${clip.id}/vote`, { method: "POST", headers: viewer.headers, body: '{"vote":-1}' });
    await t.request(`/api/v1/clips/${clip.id}/favorite`, {
      method: "POST",
      headers: { authorization: `Bearer ${viewer.token}` },
    });
    const { body } = await feed(`game_id=${game}`, viewer.headers);
    expect(body.clips[0]).toMatchObject({ user_vote: -1, is_favorited: true, downvote_count: 1, favorite_count: 1 });
    expect((await feed("", { authorization: "Bearer nope" })).status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { clips } from "../../src/db/schema";
import { refreshTrendingScores } from "../../src/modules/clips/trending-refresh";
import { createViewCounter } from "../../src/modules/clips/view-counter";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const read = async (id: string) => (await t.deps.db.select().from(clips).where(eq(clips.id, id)))[0]!;

describe("clip maintenance", () => {
  test("buffered views are written in one batch when the counter flushes (each interval, and at shutdown)", async () => {
    const user = await createUser(t);
    const [a, b] = [await createClip(t, user.id), await createClip(t, user.id)];
    const counter = createViewCounter(t.deps.db, t.deps.logger);
    for (let i = 0; i < 5; i++) counter.record(a.id);
    counter.record(b.id);
    expect((await read(a.id)).viewCount).toBe(0);
    await counter.flush();
    expect((await read(a.id)).viewCount).toBe(5);
    expect((await read(b.id)).viewCount).toBe(1);
  });

  test("the trigger scores engagement changes at once; the refresh applies time decay", async () => {
    const user = await createUser(t);
    const clip = await createClip(t, user.id, { createdAt: new Date(Date.now() - 4 * 3_600_000), viewCount: 40 });
    expect((await read(clip.id)).trendingScore).toBeCloseTo(10, 3);
    await t.deps.db.update(clips).set({ commentCount: 10 }).where(eq(clips.id, clip.id));
    expect((await read(clip.id)).trendingScore).toBeCloseTo(17.5, 3);

    await t.deps.db.update(clips).set({ trendingScore: 99 }).where(eq(clips.id, clip.id));
    expect(await refreshTrendingScores(t.deps.db)).toBeGreaterThanOrEqual(1);
    expect((await read(clip.id)).trendingScore).toBeCloseTo(17.5, 3);
  });
});

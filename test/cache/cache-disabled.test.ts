import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { clips } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser } from "../support/users";

let cached: TestContext;
let uncached: TestContext;
beforeAll(async () => {
  [cached, uncached] = await Promise.all([createTestContext(), createTestContext({ CACHE_ENABLED: "false" })]);
});
afterAll(async () => {
  await Promise.all([cached.close(), uncached.close()]);
});

/** A write that skips the API (and so its invalidation) shows whether reads come from the cache. */
async function titleSeenAfterDirectWrite(t: TestContext) {
  const user = await createUser(t);
  const clip = await createClip(t, user.id, { title: "before" });
  await t.request(`/api/v1/clips/${clip.id}`);
  await t.deps.db.update(clips).set({ title: "after" }).where(eq(clips.id, clip.id));
  return (await json(await t.request(`/api/v1/clips/${clip.id}`))).data.title;
}

test("CACHE_ENABLED=false serves every read from the database", async () => {
  expect(await titleSeenAfterDirectWrite(cached)).toBe("before");
  expect(await titleSeenAfterDirectWrite(uncached)).toBe("after");
});

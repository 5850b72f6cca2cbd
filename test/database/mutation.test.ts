import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { mutate } from "../../src/db/mutation";
import { tags } from "../../src/db/schema";
import { createTestContext, type TestContext } from "../support/app";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
}, 120_000);
afterAll(() => t.close());

const slug = () => `m-${crypto.randomUUID().slice(0, 8)}`;
const findTag = async (s: string) => (await t.deps.db.select().from(tags).where(eq(tags.slug, s)))[0];

/** A cache that records each invalidation together with whether the write was visible outside its transaction. */
function recordingCache(s: string) {
  const calls: { scopes: string[]; committed: boolean }[] = [];
  const caching = {
    invalidate: async (...scopes: string[]) => {
      calls.push({ scopes, committed: (await findTag(s)) !== undefined });
    },
  };
  return { calls, writer: { db: t.deps.db, caching } };
}

describe("mutate", () => {
  test("invalidates the scopes the write names once it has committed, and returns its result", async () => {
    const s = slug();
    const { calls, writer } = recordingCache(s);
    const id = await mutate(writer, async (tx) => {
      const [row] = await tx.insert(tags).values({ slug: s, name: s }).returning({ id: tags.id });
      return { result: row!.id, invalidates: ["tags", "feeds"] };
    });
    expect((await findTag(s))?.id).toBe(id);
    expect(calls).toEqual([{ scopes: ["tags", "feeds"], committed: true }]);
  });

  test("a write that throws rolls back and invalidates nothing", async () => {
    const s = slug();
    const { calls, writer } = recordingCache(s);
    const write = mutate(writer, async (tx) => {
      await tx.insert(tags).values({ slug: s, name: s });
      throw new Error("refused");
    });
    await expect(write).rejects.toThrow("refused");
    expect(await findTag(s)).toBeUndefined();
    expect(calls).toEqual([]);
  });

  test("a write that names no scope does not touch the cache", async () => {
    const s = slug();
    const { calls, writer } = recordingCache(s);
    await mutate(writer, async (tx) => {
      await tx.insert(tags).values({ slug: s, name: s });
      return { result: undefined, invalidates: [] };
    });
    expect(await findTag(s)).toBeDefined();
    expect(calls).toEqual([]);
  });
});

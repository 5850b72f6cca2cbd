import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cacheStats } from "../../src/platform/cache/stats";
import { apiCall } from "../support/api";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

// A UUID in a path was cached under the casing the caller sent, so after the clip was removed or hidden its
// upper-case URL kept serving the cached copy. Ids are lower-cased before routing, so every cache key and scope
// agrees whatever the caller sends. Run with TEST_REDIS_URL too: the cache is where the copy lived.
let t: TestContext;
let owner: TestUser;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  owner = await createUser(t);
  admin = await createUser(t, { role: "admin" });
});
afterAll(() => t.close());

const upper = (id: string) => id.toUpperCase();

describe("UUIDs in paths are case-insensitive, and so are their cache entries", () => {
  test("a removed clip stops being served under its upper-case id at once", async () => {
    const clip = await createClip(t, owner.id);
    const first = await apiCall(t, "GET", `/clips/${upper(clip.id)}`);
    expect(first.status).toBe(200);
    expect(first.body.data.id).toBe(clip.id);
    expect((await apiCall(t, "DELETE", `/clips/${clip.id}`, admin)).status).toBe(200);
    expect((await apiCall(t, "GET", `/clips/${upper(clip.id)}`)).status).toBe(404);
  });

  test("a hidden clip stops being served under a mixed-case id at once; counters stay fresh", async () => {
    const clip = await createClip(t, owner.id);
    const mixed = clip.id.replace(/[a-f]/g, (ch, i: number) => (i % 2 ? ch.toUpperCase() : ch));
    expect((await apiCall(t, "GET", `/clips/${mixed}`)).status).toBe(200);
    expect((await apiCall(t, "POST", `/clips/${upper(clip.id)}/vote`, admin, { vote: 1 })).status).toBe(200);
    expect((await apiCall(t, "GET", `/clips/${mixed}`)).body.data.vote_score).toBe(1);
    expect((await apiCall(t, "PUT", `/clips/${upper(clip.id)}/visibility`, owner, { is_hidden: true })).status).toBe(
      200,
    );
    expect((await apiCall(t, "GET", `/clips/${mixed}`)).status).toBe(404);
    expect((await apiCall(t, "GET", `/clips/${upper(clip.id)}`)).status).toBe(404);
  });

  test("user ids too", async () => {
    const res = await apiCall(t, "GET", `/users/${upper(owner.id)}`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain(owner.id);
  });

  test("a UUID in a query shares the cache entry of its lower-case spelling", async () => {
    await createClip(t, owner.id);
    const bodies = () => cacheStats()["feed-lists"] ?? { hits: 0, misses: 0, errors: 0 };
    const lower = await apiCall(t, "GET", `/clips?submitted_by_user_id=${owner.id}&limit=7`);
    expect(lower.status).toBe(200);
    const before = bodies();
    const upperCase = await apiCall(t, "GET", `/clips?submitted_by_user_id=${upper(owner.id)}&limit=7`);
    expect(upperCase.body.data.map((c: { id: string }) => c.id)).toEqual(
      lower.body.data.map((c: { id: string }) => c.id),
    );
    expect(bodies()).toMatchObject({ hits: before.hits + 1, misses: before.misses });
  });
});

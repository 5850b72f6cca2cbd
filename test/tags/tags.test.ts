import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { outbox, tags } from "../../src/db/schema";
import { apiCall } from "../support/api";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
let owner: TestUser;
let moderator: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  [owner, moderator] = await Promise.all([createUser(t), createUser(t, { role: "moderator" })]);
});
afterAll(() => t.close());

const call = (method: string, path: string, user?: TestUser, body?: unknown) => apiCall(t, method, path, user, body);
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const usage = async (slug: string) =>
  (await t.deps.db.select({ n: tags.usageCount }).from(tags).where(eq(tags.slug, slug)))[0]?.n;

async function seedTag(prefix: string, extra: Record<string, unknown> = {}) {
  const slug = unique(prefix);
  const res = await call("POST", "/admin/tags", moderator, { name: `Name ${slug}`, slug, ...extra });
  expect(res.status).toBe(201);
  return res.body.tag;
}

describe("POST /clips/:id/tags and DELETE /clips/:id/tags/:slug", () => {
  test("the submitter adds tags (auto-created, capitalised, counted once) and removes one", async () => {
    const clip = await createClip(t, owner.id);
    const fresh = unique("fresh");
    const res = await call("POST", `/clips/${clip.id}/tags`, owner, {
      tag_slugs: [fresh.toUpperCase(), fresh, "x", "bad slug!", "a".repeat(51)],
    });
    expect(res.status).toBe(200);
    expect(res.body.message).toEqual(expect.any(String));
    expect(res.body.clip.id).toBe(clip.id);
    expect(res.body.tags).toHaveLength(1);
    expect(res.body.tags[0]).toMatchObject({
      slug: fresh,
      name: fresh[0]!.toUpperCase() + fresh.slice(1),
      usage_count: 1,
    });
    await call("POST", `/clips/${clip.id}/tags`, owner, { tag_slugs: [fresh] });
    expect(await usage(fresh)).toBe(1);
    const tagEvents = await t.deps.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.aggregateType, "tag"), eq(outbox.aggregateId, res.body.tags[0].id)));
    expect(tagEvents.length).toBeGreaterThan(0);
    const clipEvents = await t.deps.db.select().from(outbox).where(eq(outbox.aggregateId, clip.id));
    expect(clipEvents.length).toBeGreaterThan(0);

    const listed = await call("GET", `/clips/${clip.id}/tags`);
    expect(listed).toEqual({ status: 200, body: { tags: [expect.objectContaining({ slug: fresh })] } });

    const removed = await call("DELETE", `/clips/${clip.id}/tags/${fresh}`, owner);
    expect(removed).toEqual({ status: 200, body: { message: "Tag removed successfully" } });
    expect(await usage(fresh)).toBe(0);
    expect((await call("DELETE", `/clips/${clip.id}/tags/${fresh}`, owner)).status).toBe(404);
  });

  test("at most 10 per request and 15 per clip", async () => {
    const clip = await createClip(t, owner.id);
    const slugs = Array.from({ length: 16 }, (_, i) => unique(`s${i}`));
    expect((await call("POST", `/clips/${clip.id}/tags`, owner, { tag_slugs: slugs.slice(0, 11) })).status).toBe(400);
    expect((await call("POST", `/clips/${clip.id}/tags`, owner, { tag_slugs: slugs.slice(0, 10) })).status).toBe(200);
    expect((await call("POST", `/clips/${clip.id}/tags`, owner, { tag_slugs: slugs.slice(10, 15) })).status).toBe(200);
    const over = await call("POST", `/clips/${clip.id}/tags`, owner, { tag_slugs: [slugs[15]] });
    expect(over.status).toBe(400);
    expect(over.body.error).toContain("15");
    expect((await call("GET", `/clips/${clip.id}/tags`)).body.tags).toHaveLength(15);
    expect(await usage(slugs[15]!)).toBeUndefined();
  });

  test("bad input 400, unknown clip 404, others 403, anonymous 401; moderators may tag any clip", async () => {
    const clip = await createClip(t, owner.id);
    const stranger = await createUser(t);
    for (const body of [{}, { tag_slugs: [] }, { tag_slugs: "abc" }, { tag_slugs: ["!"] }]) {
      const res = await call("POST", `/clips/${clip.id}/tags`, owner, body);
      expect(res.status).toBe(400);
      expect(typeof res.body.error).toBe("string");
    }
    expect((await call("POST", `/clips/nope/tags`, owner, { tag_slugs: ["ok-tag"] })).status).toBe(400);
    expect((await call("POST", `/clips/${randomUUID()}/tags`, owner, { tag_slugs: ["ok-tag"] })).status).toBe(404);
    expect((await call("POST", `/clips/${clip.id}/tags`, stranger, { tag_slugs: ["ok-tag"] })).status).toBe(403);
    expect((await call("POST", `/clips/${clip.id}/tags`, undefined, { tag_slugs: ["ok-tag"] })).status).toBe(401);
    const slug = unique("mod");
    expect((await call("POST", `/clips/${clip.id}/tags`, moderator, { tag_slugs: [slug] })).status).toBe(200);
    expect((await call("DELETE", `/clips/${clip.id}/tags/${slug}`, stranger)).status).toBe(403);
    expect((await call("DELETE", `/clips/${clip.id}/tags/${slug}`)).status).toBe(401);
    expect((await call("GET", "/clips/nope/tags")).status).toBe(400);
    expect((await call("GET", `/clips/${randomUUID()}/tags`)).body).toEqual({ tags: [] });
  });
});

describe("GET /tags, /tags/search, /tags/:slug, /tags/:slug/clips", () => {
  test("list sorts and pages", async () => {
    const popular = await seedTag("pop");
    const clip = await createClip(t, owner.id);
    await call("POST", `/clips/${clip.id}/tags`, owner, { tag_slugs: [popular.slug] });
    const res = await call("GET", "/tags?sort=popularity&limit=20");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, limit: 20, total: expect.any(Number), has_more: expect.any(Boolean) });
    expect(res.body.tags[0].usage_count).toBeGreaterThanOrEqual(1);
    const recent = await call("GET", "/tags?sort=recent&limit=1");
    expect(recent.body.tags).toHaveLength(1);
    expect(recent.body.has_more).toBe(true);
    const second = await call("POST", "/admin/tags", moderator, { name: `Ab ${unique("ab")}`, slug: unique("ab") });
    const first = await call("POST", "/admin/tags", moderator, { name: `Aa ${unique("aa")}`, slug: unique("aa") });
    const alpha = (await call("GET", "/tags?sort=alphabetical&limit=100")).body.tags.map((x: { id: string }) => x.id);
    expect(alpha.indexOf(first.body.tag.id)).toBeGreaterThanOrEqual(0);
    expect(alpha.indexOf(first.body.tag.id)).toBeLessThan(alpha.indexOf(second.body.tag.id));
    expect((await call("GET", "/tags?limit=5000&page=-3&sort=zzz")).body).toMatchObject({ limit: 100, page: 1 });
  });

  test("search matches name or slug, escapes LIKE wildcards, requires q", async () => {
    const tag = await seedTag("searchable");
    const res = await call("GET", `/tags/search?q=${tag.slug.slice(0, 14)}`);
    expect(res.status).toBe(200);
    expect(res.body.tags.map((x: { id: string }) => x.id)).toContain(tag.id);
    expect((await call("GET", "/tags/search?q=%25%25")).body.tags).toEqual([]);
    expect((await call("GET", "/tags/search?q=_")).body.tags).toEqual([]);
    expect((await call("GET", "/tags/search")).status).toBe(400);
    expect((await call("GET", "/tags/search?q=%20")).status).toBe(400);
    expect((await call("GET", `/tags/search?q=${"a".repeat(101)}`)).status).toBe(400);
  });

  test("tag detail and its clips; unknown slug 404", async () => {
    const tag = await seedTag("detail");
    const [visible, hidden] = [await createClip(t, owner.id), await createClip(t, owner.id, { isHidden: true })];
    for (const clip of [visible, hidden])
      await call("POST", `/clips/${clip.id}/tags`, owner, { tag_slugs: [tag.slug] });
    const detail = await call("GET", `/tags/${tag.slug}`);
    expect(detail).toEqual({ status: 200, body: { tag: expect.objectContaining({ id: tag.id }), clip_count: 1 } });
    const clips = await call("GET", `/tags/${tag.slug}/clips?limit=5`);
    expect(clips.status).toBe(200);
    expect(clips.body).toMatchObject({ total: 1, page: 1, limit: 5, has_more: false });
    expect(clips.body.clips.map((x: { id: string }) => x.id)).toEqual([visible.id]);
    const missing = await call("GET", "/tags/no-such-tag-here");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe("Tag not found");
    expect((await call("GET", "/tags/no-such-tag-here/clips")).status).toBe(404);
  });
});

describe("admin tag CRUD", () => {
  test("create 201, duplicate 409, update, delete", async () => {
    const tag = await seedTag("crud", { description: "About", color: "#AABBCC" });
    expect(tag).toMatchObject({ description: "About", color: "#AABBCC", usage_count: 0 });
    const dupe = await call("POST", "/admin/tags", moderator, { name: tag.name, slug: unique("other") });
    expect(dupe.status).toBe(409);
    expect((await call("POST", "/admin/tags", moderator, { name: "Fresh name", slug: tag.slug })).status).toBe(409);

    const renamed = await call("PUT", `/admin/tags/${tag.id}`, moderator, { name: `Renamed ${tag.slug}`, color: null });
    expect(renamed.status).toBe(200);
    expect(renamed.body.tag).toMatchObject({ name: `Renamed ${tag.slug}`, color: null, slug: tag.slug });
    const other = await seedTag("clash");
    expect((await call("PUT", `/admin/tags/${other.id}`, moderator, { slug: tag.slug })).status).toBe(409);

    expect(await call("DELETE", `/admin/tags/${tag.id}`, moderator)).toEqual({
      status: 200,
      body: { message: "Tag deleted successfully" },
    });
    expect((await call("DELETE", `/admin/tags/${tag.id}`, moderator)).status).toBe(404);
    expect((await call("PUT", `/admin/tags/${randomUUID()}`, moderator, { name: "Whatever" })).status).toBe(404);
  });

  test("bad input 400, users 403, anonymous 401", async () => {
    for (const body of [
      { name: "x", slug: "ok-slug" },
      { name: "Okay", slug: "Bad Slug" },
      { name: "Ok", slug: "ok", color: "red" },
    ]) {
      expect((await call("POST", "/admin/tags", moderator, body)).status).toBe(400);
    }
    expect((await call("PUT", "/admin/tags/not-a-uuid", moderator, { name: "Name" })).status).toBe(400);
    expect((await call("PUT", `/admin/tags/${randomUUID()}`, moderator, {})).status).toBe(400);
    expect((await call("POST", "/admin/tags", owner, { name: "Name", slug: "name-1" })).status).toBe(403);
    expect((await call("DELETE", `/admin/tags/${randomUUID()}`, owner)).status).toBe(403);
    expect((await call("POST", "/admin/tags", undefined, { name: "Name", slug: "name-1" })).status).toBe(401);
  });
});

import { randomUUID } from "node:crypto";
import { clipTags, tags } from "../../src/db/schema";
import type { TestContext } from "../support/app";

/** A unique lowercase word of letters only, so stemming and tokenising leave it intact. */
export function uniqueWord(prefix = "zq"): string {
  const letters = randomUUID()
    .replaceAll("-", "")
    .slice(0, 10)
    .replace(/\d/g, (d) => "ghijklmnop"[Number(d)]!);
  return `${prefix}${letters}x`;
}

export async function createTag(t: TestContext, name: string, usageCount = 0) {
  const [tag] = await t.deps.db
    .insert(tags)
    .values({ name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"), usageCount })
    .returning();
  return tag!;
}

export async function tagClip(t: TestContext, clipId: string, tagId: string) {
  await t.deps.db.insert(clipTags).values({ clipId, tagId });
}

export function searchPath(params: Record<string, string | number | string[]>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) query.append(key, String(v));
  }
  return `/api/v1/search?${query}`;
}

import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { clips, tags, users } from "../../db/schema";
import { feedableClips } from "../clips/feedable";
import { clipColumns } from "../clips/wire";

function inOrder<T extends { id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Re-checks visibility, so an engine with a stale index can never surface a removed or hidden clip. */
export async function findClipsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select(clipColumns)
    .from(clips)
    .where(sql`${inArray(clips.id, ids)} and ${feedableClips()}`);
  return inOrder(ids, rows);
}

/** Public creator card fields only: never email or moderation columns. */
export async function findCreatorsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      display_name: users.displayName,
      avatar_url: users.avatarUrl,
      bio: users.bio,
      karma_points: users.karmaPoints,
      role: users.role,
      is_verified: users.isVerified,
      follower_count: users.followerCount,
      created_at: users.createdAt,
    })
    .from(users)
    .where(sql`${inArray(users.id, ids)} and not ${users.isBanned}`);
  return inOrder(ids, rows);
}

export async function findTagsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: tags.id,
      name: tags.name,
      slug: tags.slug,
      description: tags.description,
      color: tags.color,
      usage_count: tags.usageCount,
      created_at: tags.createdAt,
    })
    .from(tags)
    .where(inArray(tags.id, ids));
  return inOrder(ids, rows);
}

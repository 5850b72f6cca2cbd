import { and, count, eq, gte, ilike, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { escapeLike } from "../../db/like";
import { clipSubmissions, type SubmissionStatus, users } from "../../db/schema";

export interface QueueFilters {
  status: SubmissionStatus;
  is_nsfw?: "true" | "false";
  broadcaster?: string;
  creator?: string;
  tags: string[];
  start_date?: Date;
  end_date?: Date;
  page: number;
  limit: number;
}

function queueWhere(f: QueueFilters) {
  const conditions: SQL[] = [eq(clipSubmissions.status, f.status)];
  if (f.is_nsfw) conditions.push(eq(clipSubmissions.isNsfw, f.is_nsfw === "true"));
  if (f.broadcaster) {
    const pattern = `%${escapeLike(f.broadcaster)}%`;
    conditions.push(
      or(ilike(clipSubmissions.broadcasterName, pattern), ilike(clipSubmissions.broadcasterNameOverride, pattern))!,
    );
  }
  if (f.creator) conditions.push(ilike(clipSubmissions.creatorName, `%${escapeLike(f.creator)}%`));
  if (f.tags.length)
    conditions.push(
      sql`${clipSubmissions.tags} @> array[${sql.join(
        f.tags.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]`,
    );
  if (f.start_date) conditions.push(gte(clipSubmissions.createdAt, f.start_date));
  if (f.end_date) conditions.push(lte(clipSubmissions.createdAt, f.end_date));
  return and(...conditions);
}

/** Oldest first: the queue is worked in arrival order. */
export async function listQueue(db: Db, f: QueueFilters) {
  const where = queueWhere(f);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        submission: clipSubmissions,
        user: {
          id: users.id,
          username: users.username,
          displayName: users.displayName,
          avatarUrl: users.avatarUrl,
          karmaPoints: users.karmaPoints,
          role: users.role,
        },
      })
      .from(clipSubmissions)
      .leftJoin(users, eq(users.id, clipSubmissions.userId))
      .where(where)
      .orderBy(clipSubmissions.createdAt, clipSubmissions.id)
      .limit(f.limit)
      .offset((f.page - 1) * f.limit),
    db.select({ n: count() }).from(clipSubmissions).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

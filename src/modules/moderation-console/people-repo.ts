import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import type { UserRole } from "../../db/schema";

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** The latest audit entry of `action` about each user: who did it, and when. */
const latest = (action: string) => sql`left join lateral (
    select a.actor_id, a.created_at from audit_log a
    where a.action = ${action} and a.target_type = 'user' and a.target_id = u.id::text
    order by a.created_at desc limit 1) last on true`;

/** Site bans (users.is_banned), newest first; who banned and when come from the audit log. */
export async function listBans(db: Db, p: { limit: number; offset: number }) {
  const [rows, [total]] = await Promise.all([
    queryRows<{
      id: string;
      username: string;
      ban_reason: string | null;
      banned_until: Date | string | null;
      actor_id: string | null;
      banned_at: Date | string;
    }>(
      db,
      sql`select u.id, u.username, u.ban_reason, u.banned_until, last.actor_id,
          coalesce(last.created_at, u.updated_at) as banned_at
        from users u ${latest("user.ban")}
        where u.is_banned order by banned_at desc, u.id limit ${p.limit} offset ${p.offset}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from users where is_banned`),
  ]);
  const bans = rows.map((r) => ({
    id: r.id,
    community_id: "site" as const,
    banned_user_id: r.id,
    banned_username: r.username,
    banned_by_user_id: r.actor_id,
    reason: r.ban_reason,
    banned_at: iso(r.banned_at)!,
    expires_at: iso(r.banned_until),
  }));
  return { bans, total: total?.n ?? 0 };
}

/** Site moderators and admins, longest-serving first; assigned_at is their latest role change (else sign-up). */
export async function listModerators(db: Db, p: { limit: number; offset: number }) {
  const [rows, [total]] = await Promise.all([
    queryRows<{
      id: string;
      username: string;
      display_name: string;
      avatar_url: string | null;
      role: UserRole;
      actor_id: string | null;
      assigned_at: Date | string;
    }>(
      db,
      sql`select u.id, u.username, u.display_name, u.avatar_url, u.role, last.actor_id,
          coalesce(last.created_at, u.created_at) as assigned_at
        from users u ${latest("user.role_change")}
        where u.role in ('moderator', 'admin') order by assigned_at, u.id limit ${p.limit} offset ${p.offset}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from users where role in ('moderator', 'admin')`),
  ]);
  const data = rows.map((r) => ({
    id: r.id,
    user_id: r.id,
    channel_id: "site" as const,
    role: r.role as "moderator" | "admin",
    assigned_by: r.actor_id,
    assigned_at: iso(r.assigned_at)!,
    username: r.username,
    display_name: r.display_name,
    avatar_url: r.avatar_url,
  }));
  return { data, total: total?.n ?? 0 };
}

export async function countVerifiedUsers(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from users where is_verified`);
  return row?.n ?? 0;
}

/**
 * Per outbox topic: what the relay still has to hand on, what failed and is being retried, and what it handed on in
 * the last 24 hours. Both halves read a partial index (pending rows, processed rows), never the whole table.
 */
export async function outboxState(db: Db) {
  const [pending, processed] = await Promise.all([
    queryRows<{ topic: string; pending: number; failing: number }>(
      db,
      sql`select topic, count(*)::int as pending, count(*) filter (where last_error is not null)::int as failing
        from outbox where processed_at is null group by topic`,
    ),
    queryRows<{ topic: string; processed: number; last_processed_at: Date | string | null }>(
      db,
      sql`select topic, count(*)::int as processed, max(processed_at) as last_processed_at
        from outbox where processed_at is not null and processed_at >= now() - interval '1 day' group by topic`,
    ),
  ]);
  const topics = [...new Set([...pending, ...processed].map((r) => r.topic))].sort();
  return topics.map((topic) => {
    const p = pending.find((r) => r.topic === topic);
    const done = processed.find((r) => r.topic === topic);
    return {
      topic,
      pending: p?.pending ?? 0,
      failing: p?.failing ?? 0,
      processed_last_day: done?.processed ?? 0,
      last_processed_at: iso(done?.last_processed_at ?? null),
    };
  });
}

import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { clipVisibleTo } from "../clips/visibility";

export interface ActivityRow {
  activity_type: "clip_submitted" | "upvote" | "downvote" | "comment" | "user_followed" | "broadcaster_followed";
  target_id: string;
  target_type: "clip" | "comment" | "user" | "broadcaster";
  created_at: Date | string;
  clip_id: string | null;
  clip_title: string | null;
  comment_text: string | null;
  target_user: string | null;
}

const COMMENT_PREVIEW_CHARS = 280;
/** Activity is a public list, the same for every viewer: only clips anyone may see. */
const publicClip = clipVisibleTo(undefined, "c");

/**
 * A user's activity merged from submissions, votes, comments and follows. Each branch reads at most offset+limit
 * rows through its (user, created_at) index, so a page never loads the whole history.
 */
export async function listActivity(db: Db, params: { userId: string; limit: number; offset: number }) {
  const user = sql`${params.userId}::uuid`;
  const n = params.offset + params.limit;
  const rows = await queryRows<ActivityRow>(
    db,
    sql`select * from (
      (select 'clip_submitted' as activity_type, c.id::text as target_id, 'clip' as target_type,
          c.submitted_at as created_at, c.id as clip_id, c.title::text as clip_title,
          null::text as comment_text, null::text as target_user
        from clips c where c.submitted_by_user_id = ${user} and ${publicClip}
        order by c.submitted_at desc limit ${n})
      union all
      (select case when v.vote_type = 1 then 'upvote' else 'downvote' end, v.clip_id::text, 'clip',
          v.created_at, c.id, c.title::text, null, null
        from votes v join clips c on c.id = v.clip_id
        where v.user_id = ${user} and ${publicClip}
        order by v.created_at desc limit ${n})
      union all
      (select 'comment', cm.id::text, 'comment', cm.created_at, c.id, c.title::text,
          left(cm.content, ${COMMENT_PREVIEW_CHARS}), null
        from comments cm join clips c on c.id = cm.clip_id
        where cm.user_id = ${user} and not cm.is_removed and ${publicClip}
        order by cm.created_at desc limit ${n})
      union all
      (select 'user_followed', f.following_id::text, 'user', f.created_at, null, null, null, u.username::text
        from user_follows f join users u on u.id = f.following_id where f.follower_id = ${user}
        order by f.created_at desc limit ${n})
      union all
      (select 'broadcaster_followed', b.broadcaster_id::text, 'broadcaster', b.created_at, null, null, null, null
        from broadcaster_follows b where b.user_id = ${user}
        order by b.created_at desc limit ${n})
    ) activity
    order by created_at desc, activity_type, target_id limit ${params.limit} offset ${params.offset}`,
  );
  const [counted] = await queryRows<{ total: number }>(
    db,
    sql`select (
        (select count(*) from clips c where c.submitted_by_user_id = ${user} and ${publicClip})
      + (select count(*) from votes v join clips c on c.id = v.clip_id
          where v.user_id = ${user} and ${publicClip})
      + (select count(*) from comments cm join clips c on c.id = cm.clip_id
          where cm.user_id = ${user} and not cm.is_removed and ${publicClip})
      + (select count(*) from user_follows f where f.follower_id = ${user})
      + (select count(*) from broadcaster_follows b where b.user_id = ${user}))::int as total`,
  );
  return { rows, total: Number(counted?.total ?? 0) };
}

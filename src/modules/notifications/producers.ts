import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { VOTE_MILESTONES } from "./events";
import { deleteByDedupeKey, insertNotifications, type NewNotification } from "./repo";

// Each function re-reads what happened and writes what it implies under a key naming the event, so a job that runs
// twice, late or after a newer change converges on the same notifications.

const SNIPPET = 200;
const quote = (title: string) => `"${title.length > 80 ? `${title.slice(0, 79)}…` : title}"`;

interface CommentEvent {
  id: string;
  user_id: string;
  clip_id: string;
  content: string;
  is_removed: boolean;
  removed_reason: string | null;
  parent_user_id: string | null;
  display_name: string;
  clip_title: string;
}

/** A reply tells the parent's author; a moderator's removal tells the comment's author and withdraws the reply. */
export async function notifyComment(db: Db, commentId: string): Promise<void> {
  const [c] = await queryRows<CommentEvent>(
    db,
    sql`select c.id, c.user_id, c.clip_id, c.content, c.is_removed, c.removed_reason, p.user_id as parent_user_id,
        u.display_name, cl.title as clip_title
      from comments c join users u on u.id = c.user_id join clips cl on cl.id = c.clip_id
      left join comments p on p.id = c.parent_comment_id
      where c.id = ${commentId}`,
  );
  if (!c) return;
  const about = { sourceContentId: c.id, sourceContentType: "comment", link: `/clip/${c.clip_id}` };
  if (c.is_removed) {
    if (c.parent_user_id) await deleteByDedupeKey(db, c.parent_user_id, `reply:${c.id}`);
    // An author deleting their own comment is no moderator action.
    if (c.content !== "[removed]") return;
    await insertNotifications(db, [
      {
        ...about,
        userId: c.user_id,
        type: "content_removed",
        title: "Your comment was removed",
        message: `A moderator removed your comment on ${quote(c.clip_title)}${c.removed_reason ? `: ${c.removed_reason}` : "."}`,
        dedupeKey: `comment-removed:${c.id}`,
      },
    ]);
    return;
  }
  if (!c.parent_user_id || c.parent_user_id === c.user_id) return;
  await insertNotifications(db, [
    {
      ...about,
      userId: c.parent_user_id,
      type: "reply",
      title: `${c.display_name} replied to your comment`,
      message: c.content.slice(0, SNIPPET),
      sourceUserId: c.user_id,
      dedupeKey: `reply:${c.id}`,
    },
  ]);
}

interface ClipEvent {
  id: string;
  title: string;
  vote_score: number;
  is_removed: boolean;
  removed_reason: string | null;
  submitted_by_user_id: string | null;
}

/** The submitter hears of a removal, or else of the highest score milestone the clip has reached. */
export async function notifyClip(db: Db, clipId: string): Promise<void> {
  const [clip] = await queryRows<ClipEvent>(
    db,
    sql`select id, title, vote_score, is_removed, removed_reason, submitted_by_user_id from clips where id = ${clipId}`,
  );
  if (!clip?.submitted_by_user_id) return;
  const about = { userId: clip.submitted_by_user_id, sourceContentId: clip.id, sourceContentType: "clip" };
  if (clip.is_removed) {
    await insertNotifications(db, [
      {
        ...about,
        type: "content_removed",
        title: "Your clip was removed",
        message: `${quote(clip.title)} was removed${clip.removed_reason ? `: ${clip.removed_reason}` : "."}`,
        dedupeKey: `clip-removed:${clip.id}`,
      },
    ]);
    return;
  }
  const milestone = VOTE_MILESTONES.filter((m) => m <= clip.vote_score).at(-1);
  if (!milestone) return;
  await insertNotifications(db, [
    {
      ...about,
      type: "vote_milestone",
      title: `Your clip reached ${milestone} points`,
      message: `${quote(clip.title)} has a score of ${milestone} or more.`,
      link: `/clip/${clip.id}`,
      dedupeKey: `vote-milestone:${clip.id}:${milestone}`,
    },
  ]);
}

interface SubmissionEvent {
  id: string;
  user_id: string;
  status: string;
  rejection_reason: string | null;
  clip_id: string | null;
  title: string | null;
  twitch_clip_id: string;
  reviewed_by: string | null;
}

/** A moderator's review, either way, tells the submitter. */
export async function notifySubmission(db: Db, submissionId: string): Promise<void> {
  const [s] = await queryRows<SubmissionEvent>(
    db,
    sql`select id, user_id, status, rejection_reason, clip_id, coalesce(custom_title, title) as title, twitch_clip_id,
        reviewed_by from clip_submissions where id = ${submissionId}`,
  );
  if (!s || s.status === "pending") return;
  const name = quote(s.title ?? s.twitch_clip_id);
  const approved = s.status === "approved";
  const row: NewNotification = {
    userId: s.user_id,
    type: approved ? "submission_approved" : "submission_rejected",
    title: approved ? "Your submission was approved" : "Your submission was rejected",
    message: approved ? `${name} is now live.` : `${name} was rejected: ${s.rejection_reason ?? "no reason given"}`,
    link: approved && s.clip_id ? `/clip/${s.clip_id}` : "/submissions",
    sourceUserId: s.reviewed_by,
    sourceContentId: s.id,
    sourceContentType: "submission",
    dedupeKey: `submission:${s.id}:${s.status}`,
  };
  await insertNotifications(db, [row]);
}

/** Followers of the past week not yet announced: one notification per follower, ever, whatever the unfollows. */
const FOLLOW_WINDOW = sql`interval '7 days'`;
const FOLLOW_BATCH = 100;

export async function notifyFollowers(db: Db, userId: string): Promise<void> {
  const followers = await queryRows<{ id: string; username: string; display_name: string }>(
    db,
    sql`select u.id, u.username, u.display_name from user_follows f join users u on u.id = f.follower_id
      where f.following_id = ${userId} and f.created_at > now() - ${FOLLOW_WINDOW}
      order by f.created_at desc limit ${FOLLOW_BATCH}`,
  );
  await insertNotifications(
    db,
    followers.map((f) => ({
      userId,
      type: "new_follower" as const,
      title: `${f.display_name} started following you`,
      message: `@${f.username} is now following you.`,
      link: `/user/${f.username}`,
      sourceUserId: f.id,
      sourceContentId: f.id,
      sourceContentType: "user",
      dedupeKey: `follow:${f.id}`,
    })),
  );
}

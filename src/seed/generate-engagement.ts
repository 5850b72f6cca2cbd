import { KARMA_RULES } from "../modules/karma/ledger";
import { award, between, type SeedContext } from "./context";
import { type ClipChunk, type ClipRow, type CommentRow, DAY, iso, type UserRow } from "./rows";
import { COMMENTS, REPLIES } from "./vocabulary-text";

const SECONDS = ["3", "7", "12", "15", "21", "30"];
const MAX_DEPTH = 8;

/** `count` distinct users other than `exclude`. */
function others(ctx: SeedContext, count: number, exclude: string | null): UserRow[] {
  const pool = ctx.users;
  const picked = ctx.rng.sample(pool, Math.min(count + 1, pool.length));
  return picked.filter((u) => u.id !== exclude).slice(0, count);
}

/** Votes, favorites and a comment thread for one clip; fills the clip's counters and the karma ledger. */
export function generateEngagement(ctx: SeedContext, clip: ClipRow, since: number, chunk: ClipChunk): void {
  const { rng, now } = ctx;
  const submitter = clip.submitted_by_user_id;
  const voteCount = Math.floor(clip.view_count ** 0.4 * (0.1 + 0.5 * rng.next()));
  const upChance = rng.chance(0.07) ? 0.45 : 0.75 + 0.23 * rng.next();
  for (const voter of others(ctx, voteCount, submitter)) {
    const type = rng.chance(upChance) ? 1 : -1;
    const at = between(rng, since, now);
    chunk.votes.push({
      user_id: voter.id,
      clip_id: clip.id,
      vote_type: type,
      created_at: iso(at),
      updated_at: iso(at),
    });
    clip.vote_score += type;
    if (type === 1) clip.upvote_count++;
    else clip.downvote_count++;
    if (submitter) award(ctx, chunk, submitter, type * KARMA_RULES.clipVote, "clip_vote", clip.id, at);
    if (type === 1 && rng.chance(0.15)) {
      chunk.favorites.push({ user_id: voter.id, clip_id: clip.id, created_at: iso(at) });
      clip.favorite_count++;
    }
  }

  const commentCount = Math.min(150, Math.floor(voteCount * 0.6 * rng.next()) + (rng.chance(0.35) ? rng.int(1, 3) : 0));
  const thread: CommentRow[] = [];
  const times: number[] = [];
  for (let i = 0; i < commentCount; i++) {
    const author = rng.skewed(ctx.activity, 1.8);
    let parent = thread.length && rng.chance(0.45) ? rng.pick(thread) : undefined;
    if (parent && parent.depth >= MAX_DEPTH) parent = undefined;
    const parentAt = parent ? times[thread.indexOf(parent)]! : since;
    const at = Math.min(now, parentAt + between(rng, 60_000, parent ? 2 * DAY : 5 * DAY));
    const comment: CommentRow = {
      id: rng.uuid(),
      clip_id: clip.id,
      user_id: author.id,
      parent_comment_id: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      content: rng.fill(rng.pick(parent ? REPLIES : COMMENTS), {
        n: SECONDS,
        who: [clip.broadcaster_name],
      }),
      vote_score: 0,
      upvote_count: 0,
      downvote_count: 0,
      reply_count: 0,
      created_at: iso(at),
      updated_at: iso(at),
    };
    thread.push(comment);
    times.push(at);
    chunk.comments.push(comment);
    clip.comment_count++;
    if (parent) parent.reply_count++;
    award(ctx, chunk, author.id, KARMA_RULES.comment, "comment", comment.id, at);

    const commentVotes = Math.min(25, Math.floor(rng.logNormal(1.2, 1)));
    for (const voter of others(ctx, commentVotes, author.id)) {
      const type = rng.chance(0.8) ? 1 : -1;
      const votedAt = between(rng, at, now);
      chunk.commentVotes.push({
        user_id: voter.id,
        comment_id: comment.id,
        vote_type: type,
        created_at: iso(votedAt),
        updated_at: iso(votedAt),
      });
      comment.vote_score += type;
      if (type === 1) comment.upvote_count++;
      else comment.downvote_count++;
      award(ctx, chunk, author.id, type * KARMA_RULES.commentVote, "comment_vote", comment.id, votedAt);
    }
  }
}

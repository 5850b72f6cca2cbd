import { KARMA_RULES } from "../modules/karma/ledger";
import { award, between, newSlug, type SeedContext } from "./context";
import { generateEngagement } from "./generate-engagement";
import { type ClipChunk, type ClipRow, DAY, HOUR, iso, type SubmissionRow } from "./rows";
import { FOREIGN_TITLES, TITLES } from "./vocabulary-text";

const NUMBERS = ["2", "3", "4", "5", "6", "10"];
const REJECTIONS = ["duplicate of an existing clip", "low quality", "not a Twitch clip", "off-topic for the site"];
const REASONS = ["this needs to be seen", "best play of the week", null, null];

/** Generates clip number `index` with its tags, submission rows and engagement, appending to the chunk. */
export function generateClip(ctx: SeedContext, index: number, chunk: ClipChunk): void {
  const { rng, now } = ctx;
  const channel = rng.skewed(ctx.broadcasters, 1.6);
  const game = rng.pick(channel.games);
  const clipper = rng.chance(0.1) ? channel : rng.skewed(ctx.clippers, 1.5);
  const slug = newSlug(ctx);
  const created = now - rng.next() ** 1.3 * 120 * DAY;
  const foreign = FOREIGN_TITLES[channel.language];
  const template = foreign && rng.chance(0.7) ? rng.pick(foreign) : rng.pick(TITLES[game.kind]);
  const submitter = rng.chance(0.97) ? rng.skewed(ctx.activity, 2.2) : null;
  const submitted = submitter ? Math.min(now, created + between(rng, 2 * 60_000, 48 * HOUR)) : null;
  const removed = rng.chance(0.005);
  const clip: ClipRow = {
    id: rng.uuid(),
    twitch_clip_id: slug,
    twitch_clip_url: `https://clips.twitch.tv/${slug}`,
    embed_url: `https://clips.twitch.tv/embed?clip=${slug}`,
    title: rng.fill(template, { term: game.terms, n: NUMBERS, who: [channel.name] }),
    creator_name: clipper.name,
    creator_id: clipper.id,
    broadcaster_name: channel.name,
    broadcaster_id: channel.id,
    game_id: game.id,
    game_name: game.name,
    language: channel.language,
    thumbnail_url: `https://clips-media-assets2.twitch.tv/${slug}-preview-480x272.jpg`,
    duration: Math.round(rng.int(50, 600)) / 10,
    view_count: Math.min(5_000_000, Math.max(1, Math.round(rng.logNormal(600, 1.5)))),
    created_at: iso(created),
    imported_at: iso(submitted ?? created + HOUR),
    vote_score: 0,
    upvote_count: 0,
    downvote_count: 0,
    comment_count: 0,
    favorite_count: 0,
    is_featured: rng.chance(0.02),
    is_nsfw: rng.chance(0.015),
    is_removed: removed,
    removed_reason: removed ? "violates community guidelines" : null,
    is_hidden: rng.chance(0.003),
    submitted_by_user_id: submitter?.id ?? null,
    submitted_at: submitted === null ? null : iso(submitted),
    trending_score: 0,
  };
  chunk.clips.push(clip);

  const tagCount = rng.int(1, 4);
  const tagged = new Set(Array.from({ length: tagCount }, () => rng.skewed(ctx.tags, 1.8)));
  for (const tag of tagged) {
    chunk.clipTags.push({
      clip_id: clip.id,
      tag_id: tag.id,
      added_by_user_id: clip.submitted_by_user_id,
      created_at: clip.imported_at,
    });
    ctx.tagUsage.set(tag.id, (ctx.tagUsage.get(tag.id) ?? 0) + 1);
  }

  generateEngagement(ctx, clip, submitted ?? created, chunk);
  const ageHours = Math.max((now - created) / HOUR, 1);
  clip.trending_score =
    (clip.view_count + 2 * clip.vote_score + 3 * clip.comment_count + 2 * clip.favorite_count) / ageHours;

  const base = (status: SubmissionRow["status"], userId: string, twitchId: string, at: number): SubmissionRow => ({
    id: rng.uuid(),
    user_id: userId,
    twitch_clip_id: twitchId,
    twitch_clip_url: `https://clips.twitch.tv/${twitchId}`,
    title: clip.title,
    tags: [...tagged].map((t) => t.slug),
    is_nsfw: clip.is_nsfw,
    submission_reason: rng.pick(REASONS),
    status,
    rejection_reason: status === "rejected" ? rng.pick(REJECTIONS) : null,
    reviewed_by: status === "pending" ? null : rng.pick(ctx.reviewers).id,
    reviewed_at: status === "pending" ? null : iso(Math.min(now, at + between(rng, 60_000, 6 * HOUR))),
    clip_id: status === "approved" ? clip.id : null,
    broadcaster_name: clip.broadcaster_name,
    broadcaster_id: clip.broadcaster_id,
    game_id: clip.game_id,
    game_name: clip.game_name,
    language: clip.language,
    thumbnail_url: `https://clips-media-assets2.twitch.tv/${twitchId}-preview-480x272.jpg`,
    duration: clip.duration,
    view_count: clip.view_count,
    clip_created_at: clip.created_at,
    created_at: iso(at),
    updated_at: iso(at),
  });
  if (submitter && submitted !== null && rng.chance(0.3)) {
    const row = base("approved", submitter.id, slug, submitted - between(rng, 60_000, 6 * HOUR));
    chunk.submissions.push(row);
    award(ctx, chunk, submitter.id, KARMA_RULES.submissionApproved, "submission_approved", row.id, submitted);
  }
  if (index % 40 === 7) {
    const user = index % 80 === 7 ? ctx.e2eUser : rng.skewed(ctx.activity, 2);
    chunk.submissions.push(base("pending", user.id, newSlug(ctx), now - between(rng, 10 * 60_000, 3 * DAY)));
  }
  if (index % 70 === 13) {
    const row = base("rejected", rng.skewed(ctx.activity, 2).id, rng.chance(0.5) ? slug : newSlug(ctx), now - 4 * DAY);
    chunk.submissions.push(row);
    award(ctx, chunk, row.user_id, KARMA_RULES.submissionRejected, "submission_rejected", row.id, now - 3 * DAY);
  }
}

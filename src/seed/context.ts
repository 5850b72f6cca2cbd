import type { KarmaSource } from "../modules/karma/ledger";
import type { Channel } from "./generate-base";
import type { Random } from "./random";
import { type ClipChunk, iso, type TagRow, type UserRow } from "./rows";
import { SLUG_WORDS } from "./vocabulary-words";

/** Shared state while clips are generated: the pools to draw from and the running totals. */
export interface SeedContext {
  rng: Random;
  now: number;
  users: UserRow[];
  /** The users in a random order; skewed picks over it make a few users far more active than most. */
  activity: UserRow[];
  reviewers: UserRow[];
  e2eUser: UserRow;
  broadcasters: Channel[];
  clippers: Channel[];
  tags: TagRow[];
  slugs: Set<string>;
  karma: Map<string, number>;
  tagUsage: Map<string, number>;
}

export const emptyChunk = (): ClipChunk => ({
  clips: [],
  clipTags: [],
  votes: [],
  favorites: [],
  comments: [],
  commentVotes: [],
  karma: [],
  submissions: [],
});

/** Appends a ledger row and keeps the user's running total, so karma_points = sum(karma_history). */
export function award(
  ctx: SeedContext,
  chunk: ClipChunk,
  userId: string,
  amount: number,
  source: KarmaSource,
  sourceId: string,
  at: number,
) {
  chunk.karma.push({ id: ctx.rng.uuid(), user_id: userId, amount, source, source_id: sourceId, created_at: iso(at) });
  ctx.karma.set(userId, (ctx.karma.get(userId) ?? 0) + amount);
}

/** A unique Twitch-style slug: AwkwardHelplessSalamanderSwiftRage-x1Y2z3A4b5C6d7E8. */
export function newSlug(ctx: SeedContext): string {
  const { rng } = ctx;
  for (;;) {
    const words = `${rng.pick(SLUG_WORDS.adjectives)}${rng.pick(SLUG_WORDS.adjectives)}${rng.pick(SLUG_WORDS.animals)}`;
    const slug = `${words}${rng.pick(SLUG_WORDS.emotes)}-${rng.chars(16)}`;
    if (!ctx.slugs.has(slug)) {
      ctx.slugs.add(slug);
      return slug;
    }
  }
}

/** Uniform instant in [from, to]. */
export const between = (rng: Random, from: number, to: number) => from + rng.next() * Math.max(to - from, 0);

import { emptyChunk, type SeedContext } from "./context";
import { E2E_USERS, generateChannels, generateGames, generateTags, generateUsers, shuffle } from "./generate-base";
import { generateClip } from "./generate-clips";
import { Random } from "./random";
import type { ClipChunk, GameRow, KarmaRow, TagRow, UserRow } from "./rows";

export interface SeedOptions {
  /** How many clips to generate. */
  clips: number;
  /** Ordinary users besides the three e2e accounts; defaults to clips/10 within [40, 5000]. */
  users?: number;
  seed?: number;
  /** The instant the data is generated relative to (ms); defaults to now. */
  now?: number;
}

export interface Dataset {
  users: UserRow[];
  games: GameRow[];
  tags: TagRow[];
  initialKarma: KarmaRow[];
  clipCount: number;
  /** Generates the clips lazily, in order; consume it once. */
  chunks(size: number): Generator<ClipChunk>;
  /** After all chunks: each user's karma total and each tag's usage, matching the generated rows. */
  totals(): { karma: Map<string, number>; tagUsage: Map<string, number> };
}

export const defaultUserCount = (clips: number) => Math.max(40, Math.min(5000, Math.round(clips / 10)));

/** A deterministic dataset: the same options (seed and now included) give identical rows. */
export function createDataset(options: SeedOptions): Dataset {
  const rng = new Random(options.seed ?? 42);
  const now = options.now ?? Date.now();
  const { users, karma: initialKarma } = generateUsers(rng, options.users ?? defaultUserCount(options.clips), now);
  const games = generateGames(rng);
  const tags = generateTags(rng);
  const e2e = new Set<string>(E2E_USERS.map((u) => u.username));
  const ctx: SeedContext = {
    rng,
    now,
    users,
    activity: shuffle(rng, users),
    reviewers: users.filter((u) => e2e.has(u.username) && u.role !== "user"),
    e2eUser: users[0]!,
    broadcasters: generateChannels(rng, 300, 20_000_000),
    clippers: generateChannels(rng, 400, 400_000_000),
    tags,
    slugs: new Set(),
    karma: new Map(initialKarma.map((k) => [k.user_id, k.amount])),
    tagUsage: new Map(),
  };
  return {
    users,
    games,
    tags,
    initialKarma,
    clipCount: options.clips,
    *chunks(size) {
      for (let start = 0; start < options.clips; start += size) {
        const chunk = emptyChunk();
        for (let i = start; i < Math.min(start + size, options.clips); i++) generateClip(ctx, i, chunk);
        yield chunk;
      }
    },
    totals: () => ({ karma: ctx.karma, tagUsage: ctx.tagUsage }),
  };
}

import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { clipSubmissions, karmaHistory, users } from "../../src/db/schema";
import type { TwitchClip } from "../../src/platform/twitch/schemas";
import { apiCall } from "../support/api";
import type { TestContext } from "../support/app";
import { type FakeTwitch, fakeClip } from "../support/fake-twitch";
import type { TestUser } from "../support/users";

export const GAME = { id: "516575", name: "VALORANT", box_art_url: "", igdb_id: "" };

export function twitchClip(fake: FakeTwitch, overrides: Partial<TwitchClip> = {}): TwitchClip {
  const clip = fakeClip({ id: `Sub${randomBytes(8).toString("hex")}`, ...overrides });
  fake.clips.set(clip.id, clip);
  return clip;
}

export const send = apiCall;

export const submit = (t: TestContext, user: TestUser, body: Record<string, unknown>) =>
  send(t, "POST", "/submissions", user, { is_nsfw: false, ...body });

/** Inserts submissions directly, e.g. to fill a rate-limit window. */
export async function seedSubmissions(t: TestContext, userId: string, n: number, createdAt = new Date()) {
  await t.deps.db.insert(clipSubmissions).values(
    Array.from({ length: n }, () => {
      const slug = `Seed${randomBytes(8).toString("hex")}`;
      return { userId, twitchClipId: slug, twitchClipUrl: `https://clips.twitch.tv/${slug}`, createdAt };
    }),
  );
}

/** users.karma_points next to the sum of the user's karma_history rows: the ledger invariant. */
export async function karmaOf(t: TestContext, userId: string) {
  const [user] = await t.deps.db.select({ points: users.karmaPoints }).from(users).where(eq(users.id, userId));
  const [ledger] = await t.deps.db
    .select({ sum: sql<number>`coalesce(sum(${karmaHistory.amount}), 0)::int` })
    .from(karmaHistory)
    .where(eq(karmaHistory.userId, userId));
  return { points: user!.points, ledger: ledger!.sum };
}

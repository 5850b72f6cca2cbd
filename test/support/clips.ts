import { randomUUID } from "node:crypto";
import { clips } from "../../src/db/schema";
import type { TestContext } from "./app";

type ClipInsert = typeof clips.$inferInsert;

/** Inserts a feed-visible clip with a unique Twitch slug; any column can be overridden. */
export async function createClip(
  t: TestContext,
  submittedByUserId: string | null,
  overrides: Partial<ClipInsert> = {},
) {
  const slug = `TestClip${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const createdAt = overrides.createdAt ?? new Date(Date.now() - 3_600_000);
  const [row] = await t.deps.db
    .insert(clips)
    .values({
      twitchClipId: slug,
      twitchClipUrl: `https://clips.twitch.tv/${slug}`,
      embedUrl: `https://clips.twitch.tv/embed?clip=${slug}`,
      title: `Test clip ${slug}`,
      creatorName: "clipper_person",
      creatorId: "1001",
      broadcasterName: "some_streamer",
      broadcasterId: "2002",
      gameId: "516575",
      gameName: "VALORANT",
      language: "en",
      thumbnailUrl: `https://clips-media-assets2.twitch.tv/${slug}-preview-480x272.jpg`,
      duration: 30,
      createdAt,
      submittedByUserId,
      submittedAt: submittedByUserId ? new Date(createdAt.getTime() + 60_000) : null,
      ...overrides,
    })
    .returning();
  return row!;
}

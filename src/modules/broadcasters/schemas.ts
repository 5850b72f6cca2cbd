import { z } from "zod";
import { wireSchema } from "../../http/openapi/registry";
import { clampedInt } from "../../http/query-params";
import { count, PageMeta, success, wireTime } from "../../http/wire-fields";
import { Clip } from "../clips/wire";

export const BroadcasterParam = z.object({
  id: z.string().trim().min(1).max(100).meta({ description: "The Twitch broadcaster id, or the broadcaster's name." }),
});
export const PopularQuery = z.object({ limit: clampedInt(1, 100, 20) });
export const ClipsQuery = z.object({
  page: clampedInt(1, 10_000, 1),
  limit: clampedInt(1, 100, 20),
  sort: z.enum(["recent", "popular", "trending"]).default("recent"),
});

const broadcasterId = z.string().meta({ examples: ["71092938"] });
const broadcasterName = z.string().meta({ examples: ["xQc"] });

export const PopularBroadcasters = wireSchema(
  "PopularBroadcasters",
  z.strictObject({
    broadcasters: z.array(
      z.strictObject({ broadcaster_id: broadcasterId, broadcaster_name: broadcasterName, clip_count: count }),
    ),
  }),
);
export type PopularBroadcasters = z.infer<typeof PopularBroadcasters>;

/** Contract §3.8, a bare object. */
export const BroadcasterProfile = wireSchema(
  "BroadcasterProfile",
  z.strictObject({
    broadcaster_id: broadcasterId,
    broadcaster_name: broadcasterName,
    display_name: broadcasterName,
    avatar_url: z.string().nullable(),
    bio: z.string().nullable(),
    twitch_url: z.string().meta({ examples: ["https://twitch.tv/xQc"] }),
    total_clips: count,
    follower_count: count,
    total_views: count,
    avg_vote_score: z.number().meta({ examples: [4.25] }),
    is_following: z.boolean(),
    updated_at: wireTime,
  }),
);
export type BroadcasterProfile = z.infer<typeof BroadcasterProfile>;

/** Family A with this route's own meta (`total_items`, no has_next/has_prev). */
export const BroadcasterClipPage = wireSchema(
  "BroadcasterClipPage",
  z.strictObject({
    success,
    data: z.array(Clip),
    meta: z.strictObject({
      page: PageMeta.shape.page,
      limit: PageMeta.shape.limit,
      total_items: count,
      total_pages: count,
    }),
  }),
);
export type BroadcasterClipPage = z.infer<typeof BroadcasterClipPage>;

export const LiveStatus = wireSchema(
  "LiveStatus",
  z.strictObject({
    broadcaster_id: broadcasterId,
    is_live: z.boolean().meta({ description: "Always false: streams are not polled." }),
    viewer_count: count,
    stream_title: z.string().nullable(),
    game_name: z.string().nullable(),
    started_at: wireTime.nullable(),
    last_checked: wireTime,
    created_at: wireTime,
    updated_at: wireTime,
  }),
);
export type LiveStatus = z.infer<typeof LiveStatus>;

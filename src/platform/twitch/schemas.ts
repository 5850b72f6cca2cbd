import { z } from "zod";

export const TwitchToken = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.number().int().nonnegative(),
  token_type: z.string(),
});
export type TwitchToken = z.infer<typeof TwitchToken>;

export const TwitchUser = z.object({
  id: z.string().min(1).max(50),
  login: z.string().min(1).max(50),
  display_name: z.string().min(1),
  // Present only with the user:read:email scope, and empty when the address is unverified.
  email: z.string().optional(),
  profile_image_url: z.string().default(""),
  description: z.string().default(""),
  created_at: z.string().optional(),
});
export type TwitchUser = z.infer<typeof TwitchUser>;

export const TwitchClip = z.object({
  id: z.string(),
  url: z.string(),
  embed_url: z.string(),
  broadcaster_id: z.string(),
  broadcaster_name: z.string(),
  creator_id: z.string(),
  creator_name: z.string(),
  video_id: z.string().default(""),
  game_id: z.string(),
  language: z.string(),
  title: z.string(),
  view_count: z.number().int(),
  created_at: z.string(),
  thumbnail_url: z.string(),
  duration: z.number(),
  vod_offset: z.number().nullable().default(null),
  is_featured: z.boolean().default(false),
});
export type TwitchClip = z.infer<typeof TwitchClip>;

export const TwitchGame = z.object({
  id: z.string(),
  name: z.string(),
  box_art_url: z.string(),
  igdb_id: z.string().default(""),
});
export type TwitchGame = z.infer<typeof TwitchGame>;

export const helixList = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

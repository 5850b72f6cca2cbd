import { z } from "zod";
import { PLAYLIST_VISIBILITIES } from "../../db/schema";
import { uuidField } from "../../http/ids";
import { wireSchema } from "../../http/openapi/registry";
import { clampedInt, pageQuery } from "../../http/query-params";
import { count, MessageBody, PageMeta, success, successData, wireId, wireTime } from "../../http/wire-fields";
import { Clip } from "../clips/wire";

export const MAX_PLAYLIST_CLIPS = 500;
export const MAX_PLAYLISTS_PER_USER = 100;
const MAX_CLIPS_PER_ADD = 100;

const visibility = z.enum(PLAYLIST_VISIBILITIES);
const title = z.string().trim().min(1, "title is required").max(100);
// An empty description or cover clears it (the SPA's forms send "" for an emptied field).
const description = z.string().trim().max(500).nullable();
const coverUrl = z.union([z.literal(""), z.url({ protocol: /^https?$/ }).max(500)]).nullable();

export const CreatePlaylist = z.object({
  title,
  description: description.optional(),
  cover_url: coverUrl.optional(),
  visibility: visibility.default("private"),
});
export type CreatePlaylist = z.infer<typeof CreatePlaylist>;

export const UpdatePlaylist = z
  .object({
    title: title.optional(),
    description: description.optional(),
    cover_url: coverUrl.optional(),
    visibility: visibility.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: "provide at least one of title, description, cover_url, visibility",
  });
export type UpdatePlaylist = z.infer<typeof UpdatePlaylist>;

const clipId = uuidField("clip_id must be a UUID");
/** The hooks send `{clip_ids}`; the clip page's "Add to playlist" button sends `{clip_id}`. */
export const AddClips = z
  .object({ clip_ids: z.array(clipId).min(1).max(MAX_CLIPS_PER_ADD).optional(), clip_id: clipId.optional() })
  .refine((b) => (b.clip_ids === undefined) !== (b.clip_id === undefined), {
    message: "provide either clip_ids or clip_id",
  })
  .transform((b) => [...new Set(b.clip_ids ?? [b.clip_id as string])]);

export const ReorderClips = z.object({ clip_ids: z.array(clipId).max(MAX_PLAYLIST_CLIPS) });

export const PlaylistParam = z.object({ id: uuidField("Invalid playlist ID") });
export const PlaylistClipParam = PlaylistParam.extend({ clip_id: uuidField("Invalid clip ID") });
export const PlaylistsQuery = pageQuery(20);
/** Theatre mode asks for every clip at once (`limit=500`). */
export const PlaylistQuery = z.object({
  page: clampedInt(1, 10_000, 1),
  limit: clampedInt(1, MAX_PLAYLIST_CLIPS, 20),
});

export const PlaylistCreator = wireSchema(
  "PlaylistCreator",
  z.strictObject({
    id: wireId,
    username: z.string().meta({ examples: ["clipfan"] }),
    display_name: z.string().meta({ examples: ["ClipFan"] }),
    avatar_url: z.string().nullable(),
  }),
);

const PreviewClip = z.strictObject({ id: wireId, title: z.string(), thumbnail_url: z.string().nullable() });

/** frontend/src/types/playlist.ts: Playlist, with the counts and viewer state PlaylistCard reads. */
export const Playlist = wireSchema(
  "Playlist",
  z.strictObject({
    id: wireId,
    user_id: wireId,
    title: z.string().meta({ examples: ["Best clutches"] }),
    description: z.string().nullable(),
    cover_url: z.string().nullable(),
    visibility,
    clip_count: count.meta({ description: "Clips the viewer may see." }),
    like_count: count,
    bookmark_count: count,
    is_liked: z.boolean(),
    is_bookmarked: z.boolean(),
    creator: PlaylistCreator,
    preview_clips: z.array(PreviewClip).max(4).meta({ description: "The first four clips, for the card mosaic." }),
    created_at: wireTime,
    updated_at: wireTime,
  }),
);
export type Playlist = z.infer<typeof Playlist>;

export const PlaylistClip = wireSchema(
  "PlaylistClip",
  Clip.extend({ order: count.meta({ description: "0-based place in the playlist." }) }),
);

export const PlaylistPage = wireSchema(
  "PlaylistPage",
  z.strictObject({ success, data: z.array(Playlist), meta: PageMeta }),
);
export type PlaylistPage = z.infer<typeof PlaylistPage>;

/** `meta` pages the clips. */
export const PlaylistDetail = wireSchema(
  "PlaylistDetail",
  z.strictObject({ success, data: Playlist.extend({ clips: z.array(PlaylistClip) }), meta: PageMeta }),
);
export type PlaylistDetail = z.infer<typeof PlaylistDetail>;

export const PlaylistResult = successData("PlaylistResult", Playlist);
export type PlaylistResult = z.infer<typeof PlaylistResult>;
export const PlaylistMessage = successData("PlaylistMessage", MessageBody);
export type PlaylistMessage = z.infer<typeof PlaylistMessage>;
export const PlaylistClipsAdded = successData(
  "PlaylistClipsAdded",
  z.strictObject({ message: z.string(), added: count.meta({ description: "Clips not already in it." }) }),
);
export type PlaylistClipsAdded = z.infer<typeof PlaylistClipsAdded>;
const reactionState = <F extends string, C extends string>(id: string, flag: F, counter: C) =>
  successData(
    id,
    z.strictObject({
      message: z.string(),
      ...({ [flag]: z.boolean() } as Record<F, z.ZodBoolean>),
      ...({ [counter]: count } as Record<C, typeof count>),
    }),
  );
export const PlaylistLikeState = reactionState("PlaylistLikeState", "is_liked", "like_count");
export type PlaylistLikeState = z.infer<typeof PlaylistLikeState>;
export const PlaylistBookmarkState = reactionState("PlaylistBookmarkState", "is_bookmarked", "bookmark_count");
export type PlaylistBookmarkState = z.infer<typeof PlaylistBookmarkState>;

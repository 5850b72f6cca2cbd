import { z } from "zod";
import { wireSchema } from "../../http/openapi/registry";
import { lenientEnum, pageQuery } from "../../http/query-params";
import { count, PageMeta, wireId, wireTime } from "../../http/wire-fields";
import { TIMEFRAMES } from "../feeds/ranking";

export const GAME_SORTS = ["hot", "new", "top", "rising"] as const;

export const GameParam = z.object({
  gameId: z.string().min(1).max(100).meta({ description: "The internal UUID or the Twitch game id." }),
});
export const PageQuery = pageQuery(20);
export const GameClipsQuery = PageQuery.extend({
  sort: lenientEnum(GAME_SORTS, "hot", "Ranking of the game's clips."),
  timeframe: lenientEnum(TIMEFRAMES, undefined, "Only clips created within this period."),
});

const name = z.string().meta({ examples: ["Counter-Strike 2"] });
const twitchGameId = z.string().meta({ examples: ["32399"] });
const boxArtUrl = z.string().nullable();

/** Contract §2.8 `GameWithStats`. */
export const GameDetail = wireSchema(
  "GameDetail",
  z.strictObject({
    game: z.strictObject({
      id: wireId,
      twitch_game_id: twitchGameId,
      name,
      slug: z.string().meta({ examples: ["counter-strike-2"] }),
      box_art_url: boxArtUrl,
      igdb_id: z.string().nullable(),
      created_at: wireTime,
      updated_at: wireTime,
      clip_count: count,
      follower_count: count,
      is_following: z.boolean(),
    }),
  }),
);
export type GameDetail = z.infer<typeof GameDetail>;

export const TrendingGame = wireSchema(
  "TrendingGame",
  z.strictObject({
    id: z.string().meta({ description: "The games row's UUID, or the Twitch id of a game without one yet." }),
    twitch_game_id: twitchGameId,
    name,
    box_art_url: boxArtUrl,
    recent_clip_count: count.meta({ description: "Clips created in the last 7 days." }),
    total_vote_score: z.number().int(),
    follower_count: count,
  }),
);

/** `{games, page, limit, has_more}`: trending games and a category's games. */
export const GamePage = wireSchema(
  "GamePage",
  z.strictObject({
    games: z.array(TrendingGame),
    page: PageMeta.shape.page,
    limit: PageMeta.shape.limit,
    has_more: z.boolean(),
  }),
);
export type GamePage = z.infer<typeof GamePage>;

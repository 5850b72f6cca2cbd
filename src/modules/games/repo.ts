import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { clips, gameFollows, games } from "../../db/schema";
import { feedableClips } from "../clips/feedable";

export type GameRow = typeof games.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TWITCH_GAME_ID = /^[A-Za-z0-9_-]{1,50}$/;

const slugify = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 200) || "game";

/**
 * Finds a game by internal UUID or by Twitch game id (what ClipCard links with). A clip can name a game the games
 * table has not seen yet; then the row is created from the clips' own game_name, so the game gets a stable id that
 * follows can reference. Unknown everywhere → undefined.
 */
export async function resolveGame(db: Db, key: string): Promise<GameRow | undefined> {
  if (UUID.test(key)) {
    const [byId] = await db.select().from(games).where(eq(games.id, key));
    return byId;
  }
  if (!TWITCH_GAME_ID.test(key)) return undefined;
  const [byTwitchId] = await db.select().from(games).where(eq(games.twitchGameId, key));
  if (byTwitchId) return byTwitchId;

  const [named] = await db
    .select({ name: clips.gameName })
    .from(clips)
    .where(and(eq(clips.gameId, key), isNotNull(clips.gameName)))
    .limit(1);
  if (!named?.name) return undefined;
  await db
    .insert(games)
    .values({ twitchGameId: key, name: named.name, slug: slugify(named.name) })
    .onConflictDoNothing();
  const [created] = await db.select().from(games).where(eq(games.twitchGameId, key));
  return created;
}

export async function gameStats(db: Db, game: GameRow, viewerId?: string) {
  const [[clipCount], [followerCount], following] = await Promise.all([
    db
      .select({ n: count() })
      .from(clips)
      .where(and(eq(clips.gameId, game.twitchGameId), feedableClips())),
    db.select({ n: count() }).from(gameFollows).where(eq(gameFollows.gameId, game.id)),
    viewerId
      ? db
          .select({ id: gameFollows.gameId })
          .from(gameFollows)
          .where(and(eq(gameFollows.gameId, game.id), eq(gameFollows.userId, viewerId)))
      : Promise.resolve([]),
  ]);
  return { clipCount: clipCount?.n ?? 0, followerCount: followerCount?.n ?? 0, isFollowing: following.length > 0 };
}

export async function setGameFollow(db: Db, userId: string, gameId: string, follow: boolean) {
  if (follow) await db.insert(gameFollows).values({ userId, gameId }).onConflictDoNothing();
  else await db.delete(gameFollows).where(and(eq(gameFollows.userId, userId), eq(gameFollows.gameId, gameId)));
}

export interface TrendingGameRow {
  id: string;
  twitch_game_id: string;
  name: string;
  box_art_url: string | null;
  recent_clip_count: number;
  total_vote_score: number;
  follower_count: number;
}

const TRENDING_WINDOW_DAYS = 7;

/** Games by clips created in the last 7 days; a game with no games row yet is keyed by its Twitch id. */
export function trendingGames(db: Db, page: { limit: number; offset: number }) {
  return queryRows<TrendingGameRow>(
    db,
    sql`select coalesce(g.id::text, clips.game_id) as id, clips.game_id as twitch_game_id,
          coalesce(g.name, max(clips.game_name)) as name, g.box_art_url,
          count(*)::int as recent_clip_count, coalesce(sum(clips.vote_score), 0)::int as total_vote_score,
          (select count(*) from game_follows f where f.game_id = g.id)::int as follower_count
        from clips left join games g on g.twitch_game_id = clips.game_id
        where clips.game_id is not null and ${feedableClips()}
          and clips.created_at >= now() - make_interval(days => ${TRENDING_WINDOW_DAYS})
        group by clips.game_id, g.id
        order by recent_clip_count desc, total_vote_score desc, clips.game_id
        limit ${page.limit + 1} offset ${page.offset}`,
  );
}

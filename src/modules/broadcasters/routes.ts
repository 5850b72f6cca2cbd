import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { optionalAuth, principalOf, requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { MessageBody } from "../../http/wire-fields";
import { listClipsCached } from "../clips/cached";
import { enrichClips } from "../clips/enrich";
import type { ClipSort } from "../feeds/ranking";
import { broadcasterFollowState, findBroadcaster, popularBroadcasters, setBroadcasterFollow } from "./repo";
import {
  BroadcasterClipPage,
  BroadcasterParam,
  BroadcasterProfile,
  ClipsQuery,
  LiveStatus,
  PopularBroadcasters,
  PopularQuery,
} from "./schemas";

const POPULAR_CACHE_SECONDS = 60;
const SORTS: Record<string, ClipSort> = { recent: "new", popular: "popular", trending: "trending" };

export function createBroadcasterRoutes(deps: Deps) {
  const { db } = deps;

  const requireBroadcaster = async (key: string) => {
    const found = await findBroadcaster(db, key);
    if (!found) throw new AppError("NOT_FOUND", "Broadcaster not found");
    return found;
  };

  return new Hono<AppEnv>()
    .get("/broadcasters/popular", validate("query", PopularQuery), returns(PopularBroadcasters), async (c) => {
      // Every SPA page asks for this list, so it is shared for a minute.
      const { limit } = c.req.valid("query");
      const broadcasters = await deps.caching.cached("broadcasters", ["popular", limit], POPULAR_CACHE_SECONDS, () =>
        popularBroadcasters(db, limit),
      );
      return c.json({ broadcasters } satisfies PopularBroadcasters);
    })
    .get(
      "/broadcasters/:id",
      optionalAuth(deps),
      validate("param", BroadcasterParam),
      returns(BroadcasterProfile),
      async (c) => {
        const b = await requireBroadcaster(c.req.valid("param").id);
        const follows = await broadcasterFollowState(db, b.broadcaster_id, c.get("principal")?.userId);
        return c.json({
          broadcaster_id: b.broadcaster_id,
          broadcaster_name: b.broadcaster_name,
          display_name: b.broadcaster_name,
          avatar_url: null,
          bio: null,
          twitch_url: `https://twitch.tv/${b.broadcaster_name}`,
          total_clips: b.total_clips,
          follower_count: follows.followerCount,
          total_views: Number(b.total_views),
          avg_vote_score: Math.round(Number(b.avg_vote_score) * 100) / 100,
          is_following: follows.isFollowing,
          updated_at: new Date(b.updated_at).toISOString(),
        } satisfies BroadcasterProfile);
      },
    )
    .get(
      "/broadcasters/:id/clips",
      optionalAuth(deps),
      validate("param", BroadcasterParam),
      validate("query", ClipsQuery),
      returns(BroadcasterClipPage),
      async (c) => {
        const { page, limit, sort } = c.req.valid("query");
        const found = await listClipsCached(deps, {
          sort: SORTS[sort] ?? "new",
          filters: { streamer: c.req.valid("param").id },
          limit,
          offset: (page - 1) * limit,
          withTotal: true,
        });
        const data = await enrichClips(db, found.rows, c.get("principal")?.userId, found.submitters);
        const total = found.total ?? 0;
        return c.json({
          success: true,
          data,
          meta: { page, limit, total_items: total, total_pages: Math.ceil(total / limit) },
        } satisfies BroadcasterClipPage);
      },
    )
    .get("/broadcasters/:id/live-status", validate("param", BroadcasterParam), returns(LiveStatus), (c) => {
      // No Twitch stream polling in this service: every broadcaster reads as offline.
      const now = new Date().toISOString();
      return c.json({
        broadcaster_id: c.req.valid("param").id,
        is_live: false,
        viewer_count: 0,
        stream_title: null,
        game_name: null,
        started_at: null,
        last_checked: now,
        created_at: now,
        updated_at: now,
      } satisfies LiveStatus);
    })
    .on(
      ["POST", "DELETE"],
      "/broadcasters/:id/follow",
      requireAuth(deps),
      rateLimit(deps, "POST|DELETE /broadcasters/:id/follow"),
      validate("param", BroadcasterParam),
      returns(MessageBody),
      async (c) => {
        const b = await requireBroadcaster(c.req.valid("param").id);
        const follow = c.req.method === "POST";
        await setBroadcasterFollow(db, principalOf(c).userId, b.broadcaster_id, follow);
        return c.json({
          message: follow ? "Successfully followed broadcaster" : "Successfully unfollowed broadcaster",
        } satisfies MessageBody);
      },
    );
}

import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { ClipLookup } from "./wire";

const CLIP_TTL_SECONDS = 3_600;
const GAME_TTL_SECONDS = 4 * 3_600;

async function gameName(deps: Deps, gameId: string): Promise<string | null> {
  if (!gameId) return null;
  // Wrapped so that "no such game" (null) is cached too.
  const { name } = await deps.caching.cached("twitch-game", [gameId], GAME_TTL_SECONDS, async () => ({
    name: (await deps.twitch.getGame(gameId))?.name ?? null,
  }));
  return name;
}

/**
 * A clip's Twitch data by slug, cached for an hour (a miss throws, so it is not cached and a fresh clip shows up at
 * once). Twitch being down or slow surfaces as the client's 502; a missing game name does not fail the lookup.
 */
export async function lookupTwitchClip(deps: Deps, slug: string): Promise<ClipLookup> {
  const clip = await deps.caching.cached("twitch-clip", [slug], CLIP_TTL_SECONDS, async () => {
    const found = await deps.twitch.getClip(slug);
    if (!found) {
      throw new AppError(
        "CLIP_NOT_FOUND",
        "This clip was not found on Twitch. It may have been deleted or the URL is incorrect.",
      );
    }
    return found;
  });
  try {
    return { clip, gameName: await gameName(deps, clip.game_id) };
  } catch (err) {
    deps.logger.warn({ err, gameId: clip.game_id }, "twitch game lookup failed");
    return { clip, gameName: null };
  }
}

import type { Deps } from "../../deps";
import { AppError } from "../../http/errors";
import type { ClipLookup } from "./wire";

const CLIP_TTL_SECONDS = 3_600;
const GAME_TTL_SECONDS = 4 * 3_600;

async function gameName(deps: Deps, gameId: string): Promise<string | null> {
  if (!gameId) return null;
  const key = `twitch:game-name:${gameId}`;
  const cached = await deps.cache.get(key);
  if (cached !== null) return cached || null;
  const game = await deps.twitch.getGame(gameId);
  await deps.cache.set(key, game?.name ?? "", GAME_TTL_SECONDS);
  return game?.name ?? null;
}

/**
 * A clip's Twitch data by slug, cached for an hour (a miss is not cached, so a fresh clip shows up at once).
 * Twitch being down or slow surfaces as the client's 502; a missing game name does not fail the lookup.
 */
export async function lookupTwitchClip(deps: Deps, slug: string): Promise<ClipLookup> {
  const key = `twitch:clip:${slug}`;
  const cached = await deps.cache.get(key);
  if (cached) return JSON.parse(cached) as ClipLookup;
  const clip = await deps.twitch.getClip(slug);
  if (!clip) {
    throw new AppError(
      "CLIP_NOT_FOUND",
      "This clip was not found on Twitch. It may have been deleted or the URL is incorrect.",
    );
  }
  try {
    const lookup: ClipLookup = { clip, gameName: await gameName(deps, clip.game_id) };
    await deps.cache.set(key, JSON.stringify(lookup), CLIP_TTL_SECONDS);
    return lookup;
  } catch (err) {
    deps.logger.warn({ err, gameId: clip.game_id }, "twitch game lookup failed");
    return { clip, gameName: null };
  }
}

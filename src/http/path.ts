import { getPath } from "hono/utils/url";

const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;
const UPPER_HEX = /[A-F]/;

/**
 * The path Hono routes on, with every UUID in it lower-cased: route params, cache keys and invalidation scopes then
 * agree whatever casing a caller sends (an upper-case clip id once kept serving a removed clip from the cache).
 * Twitch slugs are not UUID-shaped, so their case is kept.
 */
export function routingPath(request: Request): string {
  const path = getPath(request);
  return UPPER_HEX.test(path) ? path.replace(UUID, (id) => id.toLowerCase()) : path;
}

/**
 * Invalidation scopes: each has a version in the cache, and every cached key embeds the versions of the scopes it
 * depends on, so bumping a scope orphans exactly those keys (no SCAN). Feed pages depend on `feeds`; a clip's detail
 * row on `clip:<id>`; tag lists on `tags`.
 */
export const scopes = {
  feeds: "feeds",
  tags: "tags",
  games: "games",
  broadcasters: "broadcasters",
  categories: "categories",
  clip: (id: string) => `clip:${id}`,
  /** A user's role and ban state, as the auth middleware caches them. */
  user: (id: string) => `user:${id}`,
};

/** Anything stored on a clip row changed (votes, favorites, comments, moderation, metadata, visibility, tags). */
export const clipChanged = (clipId: string) => [scopes.clip(clipId), scopes.feeds];

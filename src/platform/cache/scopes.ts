/**
 * Invalidation scopes: each has a version in the cache, and every cached key embeds the versions of the scopes it
 * depends on, so bumping a scope orphans exactly those keys (no SCAN). A feed page's id list depends on `feeds`; a
 * clip's row and its JSON (detail and every list) on `clip:<id>`; tag lists on `tags`.
 */
export const scopes = {
  feeds: "feeds",
  tags: "tags",
  games: "games",
  broadcasters: "broadcasters",
  categories: "categories",
  /** Shared search rankings (their clips are spliced in from each clip's own entry): a clip joining or leaving. */
  search: "search",
  clip: (id: string) => `clip:${id}`,
  /**
   * A user's row: role and ban state (the auth middleware's principal), and everything GET /auth/me shows (profile,
   * karma, follow counts, login). Every write through the API bumps it; the worker's account deletion does not, so
   * what caches it keeps a TTL.
   */
  user: (id: string) => `user:${id}`,
};

/**
 * A change to a clip that can move it onto or off a feed, or that a feed filters on (moderation, removal,
 * visibility, metadata, tags, publishing): its row, every feed page's id list and the search responses.
 */
export const clipChanged = (clipId: string) => [scopes.clip(clipId), scopes.feeds, scopes.search];

/**
 * A count on the clip's row changed (votes, favourites, comments): its row, no feed page or search ranking. Pages
 * and searches show the new numbers at once; one ranked by them reorders when its id list (FEED_LIST_TTL_S) or its
 * search ranking (shared-response.ts) expires.
 */
export const clipCountsChanged = (clipId: string) => [scopes.clip(clipId)];

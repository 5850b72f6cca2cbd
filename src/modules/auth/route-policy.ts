/**
 * Who may call each /api/v1 route. test/auth/rbac-matrix.test.ts walks `app.routes`, fails for any route missing
 * here, and checks each level against anonymous, user, moderator and admin callers.
 * - public: no auth; optional: a token is used when present (both: nobody gets 401/403)
 * - user / moderator / admin: anonymous → 401, lower roles → 403
 * - credential: authenticates with a credential of its own (refresh token), so 401 without it for everyone
 * Keys are "METHOD /path" without the /api/v1 prefix. Parameter names and `{regex}` suffixes are ignored when
 * matching; a `:param{a|b}` route is listed once per alternative (`/users/:id/upvoted`, `/users/:id/downvoted`).
 */
export type RoutePolicy = "public" | "optional" | "user" | "moderator" | "admin" | "credential";

export const ROUTE_POLICY: Record<string, RoutePolicy> = {
  "GET /health": "public",
  "GET /ping": "public",
  "GET /config": "public",
  "GET /openapi.json": "public",

  "GET /auth/twitch": "public",
  "GET /auth/twitch/callback": "public",
  "POST /auth/twitch/callback": "public",
  "POST /auth/twitch/reauthorize": "user",
  "POST /auth/refresh": "credential",
  "POST /auth/logout": "public",
  "GET /auth/me": "user",
  "POST /auth/test-login": "public",

  "GET /users/by-username/:username": "optional",
  "GET /api/v1/users/by-username/:username": "optional",
  "GET /users/:id": "optional",
  "PUT /users/me/profile": "user",
  "GET /users/:id/clips": "optional",
  "GET /users/:id/comments": "public",
  "GET /users/:id/upvoted": "public",
  "GET /users/:id/downvoted": "public",
  "GET /users/:id/activity": "optional",
  "GET /users/:id/followers": "optional",
  "GET /users/:id/following": "optional",
  "POST /users/:id/follow": "user",
  "DELETE /users/:id/follow": "user",
  "GET /users/:id/karma": "public",
  "GET /users/:id/reputation": "public",
  "GET /users/:id/badges": "public",
  "GET /leaderboards/:type": "public",

  "GET /admin/users": "admin",
  "PATCH /admin/users/:id/role": "admin",
  "POST /admin/users/:id/role": "admin",
  "POST /admin/users/:id/ban": "admin",
  "POST /admin/users/:id/unban": "admin",
  "GET /admin/audit-logs": "moderator",

  "GET /playlists/featured": "public",
  "GET /notifications/count": "user",
  "GET /queue": "user",
  "GET /queue/count": "user",
  "GET /users/me/consent": "user",
  "POST /users/me/consent": "user",
  "POST /watch-history": "user",

  "GET /search": "optional",
  "GET /search/suggestions": "public",
  "GET /search/trending": "public",
  "GET /search/history": "user",
  "GET /search/failed": "admin",

  "GET /feeds/clips": "optional",
  "GET /clips": "optional",
  "GET /clips/:id": "optional",
  "GET /clips/:id/related": "public",
  "GET /creators/:creatorName/clips": "optional",
  "GET /scraped-clips": "public",
  "PUT /clips/:id": "moderator",
  "DELETE /clips/:id": "admin",
  "PUT /clips/:id/metadata": "user",
  "PUT /clips/:id/visibility": "user",
  "POST /clips/:id/vote": "user",
  "POST /clips/:id/favorite": "user",
  "DELETE /clips/:id/favorite": "user",
  "GET /favorites": "user",

  "GET /clips/:id/comments": "optional",
  "POST /clips/:id/comments": "user",
  "GET /comments/:id/replies": "optional",
  "PUT /comments/:id": "user",
  "DELETE /comments/:id": "user",
  "POST /comments/:id/vote": "user",

  "GET /tags": "public",
  "GET /tags/search": "public",
  "GET /tags/:slug": "public",
  "GET /tags/:slug/clips": "public",
  "GET /clips/:id/tags": "optional",
  "POST /clips/:id/tags": "user",
  "DELETE /clips/:id/tags/:slug": "user",
  "POST /admin/tags": "moderator",
  "PUT /admin/tags/:id": "moderator",
  "DELETE /admin/tags/:id": "moderator",

  "GET /submissions/metadata": "user",
  "GET /submissions/check/:clipId": "user",
  "POST /submissions": "user",
  "GET /submissions": "user",
  "GET /submissions/stats": "user",
  "GET /admin/submissions": "moderator",
  "GET /admin/submissions/rejection-reasons": "moderator",
  "POST /admin/submissions/:id/approve": "moderator",
  "POST /admin/submissions/:id/reject": "moderator",
  "POST /admin/submissions/bulk-approve": "moderator",
  "POST /admin/submissions/bulk-reject": "moderator",

  "POST /reports": "user",
  // Outside /api/v1, so the matrix does not walk it: test/observability/queue-dashboard.test.ts checks it.
  "ALL /admin/queues/*": "admin",
  "GET /admin/reports": "moderator",
  "GET /admin/reports/:id": "moderator",
  "PUT /admin/reports/:id": "moderator",

  "GET /games/trending": "public",
  "GET /games/:gameId": "optional",
  "GET /games/:gameId/clips": "public",
  "POST /games/:gameId/follow": "user",
  "DELETE /games/:gameId/follow": "user",
  "GET /broadcasters/popular": "public",
  "GET /broadcasters/:id": "optional",
  "GET /broadcasters/:id/clips": "public",
  "GET /broadcasters/:id/live-status": "public",
  "POST /broadcasters/:id/follow": "user",
  "DELETE /broadcasters/:id/follow": "user",

  "GET /categories": "public",
  "GET /categories/:slug": "public",
  "GET /categories/:slug/games": "public",
  "GET /categories/:slug/clips": "public",
};

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

const perMinute = (limit: number): RateLimitRule => ({ limit, windowSeconds: 60 });
const perHour = (limit: number): RateLimitRule => ({ limit, windowSeconds: 3_600 });

/**
 * Every per-route limit (anchor §6.1), keyed by route template ("METHOD /path" without /api/v1, methods joined with
 * `|` where one handler serves several). The template is the bucket, so voting on two clips spends one budget.
 * Routes opt in with `rateLimit(deps, "<key>")` placed after their auth middleware.
 */
export const RATE_LIMITS = {
  "GET /auth/twitch": perMinute(30),
  "GET /auth/twitch/callback": perMinute(50),
  "POST /auth/twitch/callback": perMinute(50),
  "POST /auth/refresh": perMinute(50),
  "POST /auth/test-login": perMinute(30),
  "POST /clips/:id/vote": perMinute(20),
  "POST /comments/:id/vote": perMinute(20),
  "POST /clips/:id/comments": perMinute(10),
  "POST /clips/:id/tags": perMinute(10),
  "GET /search": perMinute(60),
  "GET /search/suggestions": perMinute(60),
  "GET /search/trending": perMinute(30),
  "GET /tags/search": perMinute(60),
  "GET /submissions/metadata": perHour(100),
  "GET /submissions/check/:clip_id": perHour(100),
  "POST /submissions": perHour(10),
  "POST /reports": perHour(10),
  "POST|DELETE /users/:id/follow": perMinute(20),
  "POST|DELETE /broadcasters/:id/follow": perMinute(20),
  "POST|DELETE /games/:gameId/follow": perMinute(20),
  "PUT /notifications/read-all": perMinute(30),
  "PUT /notifications/:id/read": perMinute(120),
  "DELETE /notifications/:id": perMinute(60),
  "PUT /notifications/preferences": perMinute(20),
  "POST /notifications/preferences/reset": perMinute(10),
  "POST /watch-history": perMinute(60),
  "DELETE /watch-history": perMinute(10),
  "POST /queue": perMinute(60),
  "POST /queue/:id/played": perMinute(60),
  "PATCH /queue/reorder": perMinute(60),
  "DELETE /queue/:id": perMinute(60),
  "DELETE /queue": perMinute(10),
  "POST /playlists": perHour(30),
  "PATCH /playlists/:id": perMinute(30),
  "DELETE /playlists/:id": perMinute(20),
  "POST /playlists/:id/clips": perMinute(60),
  "DELETE /playlists/:id/clips/:clip_id": perMinute(60),
  "PUT /playlists/:id/clips/order": perMinute(30),
  "POST|DELETE /playlists/:id/like": perMinute(30),
  "POST|DELETE /playlists/:id/bookmark": perMinute(30),
  "PUT /users/me/settings": perMinute(20),
  "POST /users/me/delete": perHour(5),
  "POST /users/me/delete/cancel": perHour(10),
  "GET /users/me/export": perHour(5),
  "POST /admin/moderation/:id/approve": perMinute(120),
  "POST /admin/moderation/:id/reject": perMinute(120),
  "POST /admin/moderation/bulk": perMinute(20),
} satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;

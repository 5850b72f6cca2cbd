import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { AppError } from "./core/errors";
import type { Deps } from "./deps";
import type { AppEnv } from "./http/env";
import { createErrorHandler, createNotFoundHandler } from "./http/errors";
import { accessLog } from "./http/middleware/access-log";
import { compressResponses } from "./http/middleware/compression";
import { corsPolicy } from "./http/middleware/cors";
import { csrfProtection } from "./http/middleware/csrf";
import { headerLimit } from "./http/middleware/header-limit";
import { httpCaching } from "./http/middleware/http-caching";
import { recordMetrics } from "./http/middleware/metrics";
import { readRouting } from "./http/middleware/read-routing";
import { traceRequests } from "./http/middleware/tracing";
import { routingPath } from "./http/path";
import { withResponseMemo } from "./http/response-memo";
import { createAccountRoutes } from "./modules/account/routes";
import { createAdminSubmissionRoutes } from "./modules/admin-submissions/routes";
import { createAdminUserRoutes } from "./modules/admin-users/routes";
import { createAmbientRoutes } from "./modules/ambient/routes";
import { createAnalyticsRoutes } from "./modules/analytics/routes";
import { createAuthRoutes } from "./modules/auth/routes";
import { createBroadcasterRoutes } from "./modules/broadcasters/routes";
import { createCategoryRoutes } from "./modules/categories/routes";
import { createClipRoutes } from "./modules/clips/routes";
import { createCommentRoutes } from "./modules/comments/routes";
import { createDocsRoutes } from "./modules/docs/routes";
import { createFavoriteRoutes } from "./modules/favorites/routes";
import { createFeedRoutes } from "./modules/feeds/routes";
import { createGameRoutes } from "./modules/games/routes";
import { createHealthRoutes } from "./modules/health/routes";
import { createLeaderboardRoutes } from "./modules/leaderboards/routes";
import { createMetaRoutes } from "./modules/meta/routes";
import { createMetricsRoutes } from "./modules/metrics/routes";
import { createModerationAuditRoutes } from "./modules/moderation-console/audit-routes";
import { createModerationPeopleRoutes } from "./modules/moderation-console/people-routes";
import { createModerationQueueRoutes } from "./modules/moderation-console/queue-routes";
import { createNotificationPreferenceRoutes } from "./modules/notifications/preferences-routes";
import { createNotificationRoutes } from "./modules/notifications/routes";
import { createPlaylistManageRoutes } from "./modules/playlists/manage-routes";
import { createPlaylistReactionRoutes } from "./modules/playlists/reaction-routes";
import { createPlaylistRoutes } from "./modules/playlists/routes";
import { createProfileRoutes } from "./modules/profiles/routes";
import { createQueueDashboardRoutes, QUEUE_DASHBOARD_PATH } from "./modules/queue-dashboard/routes";
import { createReportRoutes } from "./modules/reports/routes";
import { createSearchRoutes } from "./modules/search/routes";
import { createSubmissionRoutes } from "./modules/submissions/routes";
import { createTagRoutes } from "./modules/tags/routes";
import { createUserRoutes } from "./modules/users/routes";
import { createVoteRoutes } from "./modules/votes/routes";
import { createWatchHistoryRoutes } from "./modules/watch/history-routes";
import { createQueueRoutes } from "./modules/watch/queue-routes";

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>({ getPath: routingPath });
  app.onError(createErrorHandler(deps.logger));
  app.notFound(createNotFoundHandler(app, routingPath));

  app.use(requestId({ limitLength: 64 }));
  app.use(headerLimit(deps.config.http.maxHeaderBytes));
  app.use(async function closeWhileDraining(c, next) {
    await next();
    // Keep-alive clients open a new connection (to another instance) instead of reusing one that is about to close.
    if (deps.lifecycle.draining) c.header("Connection", "close");
  });
  app.use(traceRequests());
  app.use(recordMetrics());
  app.use(async function defaultEnvelope(c, next) {
    c.set("errorEnvelope", "plain");
    await next();
  });
  app.use(accessLog(deps.logger));
  app.use(secureHeaders({ crossOriginResourcePolicy: false }));
  app.use(corsPolicy(deps.config.http.corsOrigins));
  // Outside the ETag: it hashes the body as the route wrote it, and a 304 has nothing to compress.
  app.use(compressResponses());
  // API reads only: health and metrics are never to be served from a cache.
  app.use("/api/v1/*", httpCaching());
  app.use("/api/v1/*", csrfProtection(deps));
  app.use("/api/v1/*", readRouting(deps));
  app.use(`${QUEUE_DASHBOARD_PATH}/*`, csrfProtection(deps));
  app.use(
    bodyLimit({
      maxSize: deps.config.http.bodyLimitBytes,
      onError: () => {
        throw new AppError("PAYLOAD_TOO_LARGE", "Request body too large");
      },
    }),
  );

  app.route("/", createHealthRoutes(deps));
  // With METRICS_PORT set, /metrics lives on that listener only (src/server.ts).
  if (!deps.config.metrics.port) app.route("/", createMetricsRoutes(deps));
  app.route(QUEUE_DASHBOARD_PATH, createQueueDashboardRoutes(deps));
  app.route("/api/v1", createMetaRoutes(deps));
  // Before any /users/:id group, so /users/me/consent is not captured as a user id.
  app.route("/api/v1", createAmbientRoutes(deps));
  app.route("/api/v1", createNotificationPreferenceRoutes(deps));
  app.route("/api/v1", createNotificationRoutes(deps));
  app.route("/api/v1", createAccountRoutes(deps));
  app.route("/api/v1", createQueueRoutes(deps));
  app.route("/api/v1", createWatchHistoryRoutes(deps));
  app.route("/api/v1", createPlaylistRoutes(deps));
  app.route("/api/v1", createPlaylistManageRoutes(deps));
  app.route("/api/v1", createPlaylistReactionRoutes(deps));
  app.route("/api/v1", createAuthRoutes(deps));
  app.route("/api/v1", createUserRoutes(deps));
  app.route("/api/v1", createAdminUserRoutes(deps));
  app.route("/api/v1", createAdminSubmissionRoutes(deps));
  app.route("/api/v1", createAnalyticsRoutes(deps));
  app.route("/api/v1", createModerationQueueRoutes(deps));
  app.route("/api/v1", createModerationAuditRoutes(deps));
  app.route("/api/v1", createModerationPeopleRoutes(deps));
  app.route("/api/v1", createSubmissionRoutes(deps));
  app.route("/api/v1", createSearchRoutes(deps));
  app.route("/api/v1", createFeedRoutes(deps));
  app.route("/api/v1", createClipRoutes(deps));
  app.route("/api/v1", createVoteRoutes(deps));
  app.route("/api/v1", createFavoriteRoutes(deps));
  app.route("/api/v1", createCommentRoutes(deps));
  app.route("/api/v1", createTagRoutes(deps));
  app.route("/api/v1", createReportRoutes(deps));
  app.route("/api/v1", createProfileRoutes(deps));
  app.route("/api/v1", createLeaderboardRoutes(deps));
  app.route("/api/v1", createGameRoutes(deps));
  app.route("/api/v1", createBroadcasterRoutes(deps));
  app.route("/api/v1", createCategoryRoutes(deps));
  // Last: the spec is built from every route registered above (lazily, on first request).
  app.route("/", createDocsRoutes(app));
  return withResponseMemo(app, deps);
}

export type App = ReturnType<typeof createApp>;

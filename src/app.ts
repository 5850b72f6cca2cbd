import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Deps } from "./deps";
import type { AppEnv } from "./http/env";
import { AppError, createErrorHandler, notFound } from "./http/errors";
import { accessLog } from "./http/middleware/access-log";
import { corsPolicy } from "./http/middleware/cors";
import { createHealthRoutes } from "./modules/health/routes";
import { createMetaRoutes } from "./modules/meta/routes";

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(deps.logger));
  app.notFound(notFound);

  app.use(requestId({ limitLength: 64 }));
  app.use(async function defaultEnvelope(c, next) {
    c.set("errorEnvelope", "plain");
    await next();
  });
  app.use(accessLog(deps.logger));
  app.use(secureHeaders({ crossOriginResourcePolicy: false }));
  app.use(corsPolicy(deps.config.http.corsOrigins));
  app.use(
    bodyLimit({
      maxSize: deps.config.http.bodyLimitBytes,
      onError: () => {
        throw new AppError("PAYLOAD_TOO_LARGE", "Request body too large");
      },
    }),
  );

  app.route("/", createHealthRoutes(deps));
  app.route("/api/v1", createMetaRoutes(deps));
  return app;
}

export type App = ReturnType<typeof createApp>;

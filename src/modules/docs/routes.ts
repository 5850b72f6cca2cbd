import { dirname, join } from "node:path";
import { Hono } from "hono";
import type { RouterRoute } from "hono/types";
import pkg from "../../../package.json";
import { AppError } from "../../core/errors";
import type { AppEnv } from "../../http/env";
import { buildOpenApiDocument, DOCS_PATH } from "../../http/openapi/document";
import { API_PREFIX } from "../../http/openapi/paths";
import { returns } from "../../http/openapi/registry";
import { OpenApiDocument } from "./schemas";

const SPEC_PATH = `${API_PREFIX}/openapi.json`;

// Swagger UI is served from the swagger-ui-dist package rather than a CDN, so /docs works with no internet.
const SWAGGER_DIR = dirname(Bun.resolveSync("swagger-ui-dist/package.json", import.meta.dir));
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Clipper API reference</title>
  <link rel="stylesheet" href="${DOCS_PATH}/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="${DOCS_PATH}/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${DOCS_PATH}/assets/swagger-ui-bundle.js"></script>
  <script src="${DOCS_PATH}/init.js"></script>
</body>
</html>
`;

// A script file rather than inline code, so a strict Content-Security-Policy can allow 'self' only.
// validatorUrl null: Swagger UI would otherwise post the spec to validator.swagger.io.
const INIT = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(SPEC_PATH)},
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
`;

/** `GET /api/v1/openapi.json` (built once per app, on first request, from `app.routes`) and the `/docs` page. */
export function createDocsRoutes(app: { routes: RouterRoute[] }) {
  let spec: ReturnType<typeof buildOpenApiDocument> | undefined;
  const info = {
    title: "Clipper API",
    version: pkg.version,
    description: "Reddit-style community for Twitch clips. Error envelopes: contract §1.7; success envelopes: §1.5.",
  };
  return new Hono<AppEnv>()
    .get(SPEC_PATH, returns(OpenApiDocument), (c) => {
      spec ??= buildOpenApiDocument(app.routes, info);
      return c.json(spec);
    })
    .get(DOCS_PATH, (c) => c.html(PAGE))
    .get(`${DOCS_PATH}/init.js`, (c) => c.body(INIT, 200, { "Content-Type": "text/javascript; charset=utf-8" }))
    .get(`${DOCS_PATH}/assets/:file`, (c) => {
      const type = ASSETS[c.req.param("file")];
      if (!type) throw new AppError("NOT_FOUND", "No such asset");
      return c.body(Bun.file(join(SWAGGER_DIR, c.req.param("file"))).stream(), 200, {
        "Content-Type": type,
        "Cache-Control": "public, max-age=86400",
      });
    });
}

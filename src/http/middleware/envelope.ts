import { createMiddleware } from "hono/factory";
import type { AppEnv, ErrorEnvelope } from "../env";
import { withEnvelope } from "../openapi/registry";

/** Routes of contract family A answer errors as `{success:false, error:{code,message}}`. */
export function errorEnvelope(envelope: ErrorEnvelope) {
  const middleware = createMiddleware<AppEnv>(async function errorEnvelopeMiddleware(c, next) {
    c.set("errorEnvelope", envelope);
    await next();
  });
  return withEnvelope(middleware, envelope);
}

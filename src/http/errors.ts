import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Router } from "hono/router";
import type { H, RouterRoute } from "hono/types";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import { AppError, ERROR_STATUS, type ErrorCode, isUnavailable, isUnstorableText } from "../core/errors";
import type { Logger } from "../platform/logger";
import type { AppEnv } from "./env";

function zodMessage(err: ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

function fromHttpException(err: HTTPException): AppError {
  const code = (Object.entries(ERROR_STATUS).find(([, s]) => s === err.status)?.[0] ?? "INVALID_REQUEST") as ErrorCode;
  const message = err.status === 413 ? "Request body too large" : err.message || "Request failed";
  return new AppError(code, message);
}

export function toResponse(c: Context<AppEnv>, err: AppError) {
  for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
  const body =
    c.get("errorEnvelope") === "standard"
      ? {
          success: false,
          error: { code: err.code, message: err.message },
          ...err.details,
          request_id: c.get("requestId"),
        }
      : { success: false, error: err.message, code: err.code, ...err.details, request_id: c.get("requestId") };
  return c.json(body, err.status as ContentfulStatusCode);
}

export function createErrorHandler(logger: Logger) {
  return (err: Error, c: Context<AppEnv>) => {
    if (err instanceof AppError) return toResponse(c, err);
    if (isUnavailable(err)) {
      logger.warn({ err: { message: err.message }, requestId: c.get("requestId") }, "database unavailable");
      return toResponse(c, new AppError("UNAVAILABLE", "Service temporarily unavailable"));
    }
    if (err instanceof ZodError) return toResponse(c, new AppError("VALIDATION_ERROR", zodMessage(err)));
    if (isUnstorableText(err)) {
      return toResponse(c, new AppError("VALIDATION_ERROR", "Text must not contain NUL characters"));
    }
    if (err instanceof HTTPException && err.status < 500) return toResponse(c, fromHttpException(err));
    logger.error({ err, requestId: c.get("requestId") }, "unhandled error");
    return toResponse(c, new AppError("INTERNAL_ERROR", "Internal server error"));
  };
}

export function notFound(c: Context<AppEnv>) {
  return toResponse(c, new AppError("NOT_FOUND", `Route ${c.req.method} ${c.req.path} not found`));
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** The methods some route (not only middleware) answers on this path, HEAD with GET. */
function allowedMethods(router: Router<[H, RouterRoute]>, path: string): string[] {
  const allowed = METHODS.filter((method) => router.match(method, path)[0].some(([[, r]]) => r.method === method));
  return allowed.includes("GET") ? [...allowed, "HEAD"] : allowed;
}

/** No route: a 405 naming the methods the path does answer (`Allow`), or a 404 when it answers none. */
export function createNotFoundHandler(
  app: { router: Router<[H, RouterRoute]> },
  getPath: (request: Request) => string,
) {
  return (c: Context<AppEnv>) => {
    const allow = allowedMethods(app.router, getPath(c.req.raw));
    if (!allow.length) return notFound(c);
    return toResponse(
      c,
      new AppError("METHOD_NOT_ALLOWED", `Method ${c.req.method} not allowed on ${c.req.path}`, {
        headers: { Allow: allow.join(", ") },
      }),
    );
  };
}

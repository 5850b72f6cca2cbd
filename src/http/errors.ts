import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import type { Logger } from "../platform/logger";
import type { AppEnv } from "./env";

const STATUS = {
  INVALID_REQUEST: 400,
  VALIDATION_ERROR: 400,
  INVALID_CLIP_ID: 400,
  INVALID_LEADERBOARD_TYPE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  BANNED: 403,
  NOT_FOUND: 404,
  CLIP_NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL_ERROR: 500,
  UPSTREAM_ERROR: 502,
  UNAVAILABLE: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof STATUS;

export interface AppErrorOptions {
  /** Extra top-level body fields the contract asks for (e.g. `field`, `retry_after`, `clip_id`). */
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly details?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.details = options.details;
    this.headers = options.headers;
  }

  get status(): ContentfulStatusCode {
    return STATUS[this.code];
  }
}

function zodMessage(err: ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

function fromHttpException(err: HTTPException): AppError {
  const code = (Object.entries(STATUS).find(([, s]) => s === err.status)?.[0] ?? "INVALID_REQUEST") as ErrorCode;
  const message = err.status === 413 ? "Request body too large" : err.message || "Request failed";
  return new AppError(code, message);
}

export function toResponse(c: Context<AppEnv>, err: AppError) {
  for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
  const body =
    c.get("errorEnvelope") === "standard"
      ? { success: false, error: { code: err.code, message: err.message }, ...err.details }
      : { success: false, error: err.message, code: err.code, ...err.details };
  return c.json(body, err.status);
}

// Postgres SQLSTATE classes 08 (connection exception) and 57P (shutdown / cannot connect now), postgres.js's own
// connection codes and socket errors: the database is unreachable, which is a 503, not a bug in the request.
const UNAVAILABLE_CODES =
  /^(08...|57P0[1-3]|CONNECTION_(CLOSED|ENDED|DESTROYED)|CONNECT_TIMEOUT|ECONNREFUSED|ECONNRESET|EPIPE)$/;

// SQLSTATE 22021/22P05: text Postgres cannot store (a NUL above all) reached a query; the input is at fault, not us.
const UNSTORABLE_TEXT_CODES = /^(22021|22P05)$/;

/** Whether `err` or an error it wraps (e.g. DrizzleQueryError's cause) carries a code matching `codes`. */
function hasCode(err: unknown, codes: RegExp, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 4) return false;
  const code = (err as { code?: unknown }).code;
  return (typeof code === "string" && codes.test(code)) || hasCode(err.cause, codes, depth + 1);
}

/** Whether `err` says the database cannot be reached. */
export const isUnavailable = (err: unknown): boolean => hasCode(err, UNAVAILABLE_CODES);

export function createErrorHandler(logger: Logger) {
  return (err: Error, c: Context<AppEnv>) => {
    if (err instanceof AppError) return toResponse(c, err);
    if (isUnavailable(err)) {
      logger.warn({ err: { message: err.message }, requestId: c.get("requestId") }, "database unavailable");
      return toResponse(c, new AppError("UNAVAILABLE", "Service temporarily unavailable"));
    }
    if (err instanceof ZodError) return toResponse(c, new AppError("VALIDATION_ERROR", zodMessage(err)));
    if (hasCode(err, UNSTORABLE_TEXT_CODES)) {
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

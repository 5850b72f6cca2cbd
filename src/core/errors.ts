// Domain errors and the database error classes: no HTTP framework here, so repositories, services and platform
// adapters can throw them. src/http/errors.ts turns them into responses.

/** Each code's HTTP status, as plain numbers. */
export const ERROR_STATUS = {
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
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL_ERROR: 500,
  UPSTREAM_ERROR: 502,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

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

  get status(): ErrorStatus {
    return ERROR_STATUS[this.code];
  }
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

/** Whether `err` is PostgreSQL refusing text it cannot store (a NUL character). */
export const isUnstorableText = (err: unknown): boolean => hasCode(err, UNSTORABLE_TEXT_CODES);

import { createMiddleware } from "hono/factory";
import { AppError } from "../../core/errors";
import type { AppEnv } from "../env";

/**
 * 431 in the contract's JSON shape for request headers over `maxBytes` (names, values and separators). Bun's own
 * parser answers an empty 431 past its limit, so `bun run start` raises that (--max-http-header-size) above this
 * one: only headers beyond both limits still get Bun's bodiless answer.
 */
export function headerLimit(maxBytes: number) {
  return createMiddleware<AppEnv>(async function headerLimitMiddleware(c, next) {
    if (headerBytes(c.req.raw.headers) > maxBytes) throw new AppError("HEADERS_TOO_LARGE", "Request headers too large");
    await next();
  });
}

/** What headerLimit counts of a request's headers. */
export function headerBytes(headers: Headers): number {
  let size = 0;
  for (const [name, value] of headers) size += name.length + value.length + 4;
  return size;
}

import { zValidator } from "@hono/zod-validator";
import type { Context, MiddlewareHandler, ValidationTargets } from "hono";
import type { z } from "zod";
import { AppError } from "../core/errors";
import { documented } from "./openapi/registry";

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

function describe(issues: z.core.$ZodIssue[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

/** Query strings remembered per schema: the hot ones (a feed's first page) are parsed once, not on every request. */
const QUERY_MEMO_ENTRIES = 256;

/** Parsed queries are shared by every request with the same query string, so nothing may change them. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The query as zValidator reads it: a key given once is a string, a repeated key a list. */
function queryValue(c: Context): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0]! : v]));
}

/**
 * The query validator, with each valid query string's result kept (least recently added dropped first): query
 * schemas are pure (defaults and transforms, no clock), so the same string always parses to the same value.
 * Invalid queries are parsed every time, and never kept.
 */
function validateQuery(schema: z.ZodType): MiddlewareHandler {
  const memo = new Map<string, unknown>();
  return async function validateQueryMiddleware(c, next) {
    const url = c.req.url;
    const mark = url.indexOf("?");
    const raw = mark < 0 ? "" : url.slice(mark + 1);
    let data = memo.get(raw);
    if (data === undefined) {
      const result = await schema.safeParseAsync(queryValue(c));
      if (!result.success) throw new AppError("VALIDATION_ERROR", describe(result.error.issues));
      data = deepFreeze(result.data);
      memo.set(raw, data);
      if (memo.size > QUERY_MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
    }
    c.req.addValidatedData("query", data as object);
    await next();
  };
}

/**
 * zValidator whose failures go through onError as one 400 shape naming the field. The schema is recorded on the
 * middleware too, so /api/v1/openapi.json documents every validated route without a second description.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) throw new AppError("VALIDATION_ERROR", describe(result.error.issues));
  });
  if (target === "query") return documented(validateQuery(schema) as typeof validator, { target, schema });
  if (target !== "json") return documented(validator, { target, schema });
  // Contract §1.2: clients send bodiless POSTs, sometimes still labelled JSON; an empty body reads as `{}`.
  // A body of another media type would otherwise be read as `{}` too (Hono's validator skips it): refused instead.
  const acceptEmptyBody: typeof validator = async (c, next) => {
    if (!(await c.req.text()).trim()) (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve("{}");
    else if (!JSON_MEDIA.test(c.req.header("Content-Type")?.split(";")[0]?.trim() ?? "")) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "The request body must be JSON (Content-Type: application/json)");
    }
    return validator(c, next);
  };
  return documented(acceptEmptyBody, { target, schema });
}

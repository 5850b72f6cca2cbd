import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { AppError } from "../core/errors";
import { documented } from "./openapi/registry";

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

function describe(issues: z.core.$ZodIssue[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

/**
 * zValidator whose failures go through onError as one 400 shape naming the field. The schema is recorded on the
 * middleware too, so /api/v1/openapi.json documents every validated route without a second description.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) throw new AppError("VALIDATION_ERROR", describe(result.error.issues));
  });
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

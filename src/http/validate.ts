import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { AppError } from "./errors";

function describe(issues: z.core.$ZodIssue[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

/** zValidator whose failures go through onError as one 400 shape naming the field. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) throw new AppError("VALIDATION_ERROR", describe(result.error.issues));
  });
  if (target !== "json") return validator;
  // Contract §1.2: clients send bodiless POSTs, sometimes still labelled JSON; an empty body reads as `{}`.
  const acceptEmptyBody: typeof validator = async (c, next) => {
    if (!(await c.req.text()).trim()) (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve("{}");
    return validator(c, next);
  };
  return acceptEmptyBody;
}

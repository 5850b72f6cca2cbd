import { z } from "zod";
import { documentedAs } from "./openapi/registry";

/** An integer query value clamped into range; a missing or unparsable one takes the default. */
export const clampedInt = (min: number, max: number, fallback: number) =>
  documentedAs(
    z
      .string()
      .max(20)
      .optional()
      .transform((v) => {
        const n = v === undefined ? Number.NaN : Number.parseInt(v, 10);
        return Number.isFinite(n) ? Math.min(Math.max(n, min), max) : fallback;
      }),
    {
      type: "integer",
      minimum: min,
      maximum: max,
      default: fallback,
      examples: [fallback],
      description: `${min}–${max}. A value out of range is clamped into it (not an error); a missing or unparsable one means ${fallback}.`,
    },
  );

/** A query value from a fixed set; anything else (or nothing) means `fallback` rather than an error. */
export const lenientEnum = <const T extends readonly string[], F extends T[number] | undefined>(
  values: T,
  fallback: F,
  description = "",
) =>
  documentedAs(
    z
      .string()
      .max(20)
      .optional()
      .transform((v): T[number] | F => ((values as readonly string[]).includes(v ?? "") ? (v as T[number]) : fallback)),
    {
      type: "string",
      enum: [...values],
      ...(fallback !== undefined && { default: fallback, examples: [fallback] }),
      description: [
        description,
        fallback === undefined ? "An unknown value is ignored." : `An unknown value means \`${fallback}\`.`,
      ]
        .filter(Boolean)
        .join(" "),
    },
  );

/** `page` (1–10,000) and `limit` (1–100) query parameters of the page/limit families (contract §1.6). */
export const pageQuery = (defaultLimit: number) =>
  z.object({ page: clampedInt(1, 10_000, 1), limit: clampedInt(1, 100, defaultLimit) });

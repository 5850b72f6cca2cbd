import { z } from "zod";

/** An integer query value clamped into range; a missing or unparsable one takes the default. */
export const clampedInt = (min: number, max: number, fallback: number) =>
  z
    .string()
    .max(20)
    .optional()
    .transform((v) => {
      const n = v === undefined ? Number.NaN : Number.parseInt(v, 10);
      return Number.isFinite(n) ? Math.min(Math.max(n, min), max) : fallback;
    });

/** `page` (1–10,000) and `limit` (1–100) query parameters of the page/limit families (contract §1.6). */
export const pageQuery = (defaultLimit: number) =>
  z.object({ page: clampedInt(1, 10_000, 1), limit: clampedInt(1, 100, defaultLimit) });

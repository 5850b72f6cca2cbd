import type { z } from "zod";
import type { PageMeta } from "./wire-fields";

/** Page/limit meta of contract §1.6 (families A and B). */
export function pageMeta(page: number, limit: number, total: number): z.infer<typeof PageMeta> {
  return {
    page,
    limit,
    total,
    total_pages: Math.ceil(total / limit),
    has_next: page * limit < total,
    has_prev: page > 1,
  };
}

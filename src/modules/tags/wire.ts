import { z } from "zod";
import { wireSchema } from "../../http/openapi/registry";
import { count, wireId, wireTime } from "../../http/wire-fields";
import type { TagRow } from "./repo";

/** Contract §3.6. */
export const WireTag = wireSchema(
  "Tag",
  z.strictObject({
    id: wireId,
    name: z.string().meta({ examples: ["Clutch"] }),
    slug: z.string().meta({ examples: ["clutch"] }),
    description: z.string().nullable(),
    color: z
      .string()
      .nullable()
      .meta({ examples: ["#FF5733"] }),
    usage_count: count,
    created_at: wireTime,
  }),
);
export type WireTag = z.infer<typeof WireTag>;

export function toWireTag(row: TagRow): WireTag {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    color: row.color,
    usage_count: row.usageCount,
    created_at: row.createdAt.toISOString(),
  };
}

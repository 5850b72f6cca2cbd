import type { TagRow } from "./repo";

/** Contract §3.6. */
export function toWireTag(row: TagRow) {
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

export type WireTag = ReturnType<typeof toWireTag>;

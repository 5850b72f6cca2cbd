import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../../core/errors";
import { clips } from "../../db/schema";
import { CLIP_SORTS, type ClipSort, type SortKey } from "./ranking";

/**
 * A keyset cursor: the sort, the exact text of each sort key of the last row, its id, and the reference time the
 * page was ranked at (so time-dependent sorts and windows stay consistent across pages).
 */
const FeedCursor = z.object({
  s: z.enum(CLIP_SORTS),
  k: z.array(z.string().max(64).nullable()).max(3),
  id: z.uuid(),
  at: z.number().int().min(0).max(8_640_000_000_000_000),
});
export type FeedCursor = z.infer<typeof FeedCursor>;

const VALUE_FORMATS: Record<SortKey["cast"], RegExp> = {
  float8: /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i,
  int: /^-?\d{1,9}$/,
  bigint: /^-?\d{1,18}$/,
  timestamptz: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)?$/,
};

export function encodeCursor(cursor: FeedCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function invalid(reason: string): never {
  throw new AppError("INVALID_REQUEST", `invalid cursor: ${reason}`);
}

export function decodeCursor(raw: string, sort: ClipSort, keys: SortKey[]): FeedCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    invalid("malformed");
  }
  const result = FeedCursor.safeParse(parsed);
  if (!result.success) invalid("malformed");
  const cursor = result.data;
  if (cursor.s !== sort) invalid(`cursor was issued for sort "${cursor.s}", not "${sort}"`);
  if (cursor.k.length !== keys.length) invalid("wrong number of sort keys");
  keys.forEach((key, i) => {
    const value = cursor.k[i] ?? null;
    if (value === null ? !key.nullable : !VALUE_FORMATS[key.cast].test(value)) invalid("bad sort key value");
  });
  return cursor;
}

/** Rows strictly after the cursor in `ORDER BY key1 DESC NULLS LAST, …, id DESC`; only a first key may be nullable. */
export function afterCursor(keys: SortKey[], cursor: FeedCursor): SQL {
  const values = [...keys.map((key, i) => sql`${cursor.k[i]}::${sql.raw(key.cast)}`), sql`${cursor.id}::uuid`];
  const cols = [...keys.map((k) => k.expr), sql`${clips.id}`];
  const first = keys[0]!;
  if (cursor.k[0] === null) {
    return sql`(${first.expr} is null and (${sql.join(cols.slice(1), sql`, `)}) < (${sql.join(values.slice(1), sql`, `)}))`;
  }
  const after = sql`(${sql.join(cols, sql`, `)}) < (${sql.join(values, sql`, `)})`;
  return first.nullable ? sql`(${after} or ${first.expr} is null)` : after;
}

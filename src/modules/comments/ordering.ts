import { type SQL, sql } from "drizzle-orm";
import { comments } from "../../db/schema";
import type { CommentSort } from "./schemas";

const up = sql`${comments.upvoteCount}::float8`;
const down = sql`${comments.downvoteCount}::float8`;
const n = sql`(${up} + ${down})`;

/** Wilson score lower bound (z = 1.96), in floating point throughout; 0 for an unvoted comment. */
export const wilsonLowerBound = sql`case when ${n} = 0 then 0 else
  ((${up} + 1.9208) / ${n} - 1.96 * sqrt(${up} * ${down} / ${n} + 0.9604) / ${n}) / (1 + 3.8416 / ${n}) end`;

/** Reddit's controversy: many votes, evenly split, rank highest; one-sided comments score 0. */
export const controversy = sql`case when ${up} > 0 and ${down} > 0
  then power(${n}, least(${up}, ${down}) / greatest(${up}, ${down})) else 0 end`;

const ORDERS: Record<CommentSort, SQL[]> = {
  best: [sql`${wilsonLowerBound} desc`, sql`${comments.voteScore} desc`, sql`${comments.createdAt} desc`],
  new: [sql`${comments.createdAt} desc`],
  old: [sql`${comments.createdAt} asc`],
  controversial: [sql`${controversy} desc`, sql`${comments.createdAt} desc`],
};

/** ORDER BY list for a sort over the `comments` table, with the id as a final tie-break so paging is stable. */
export function commentOrder(sort: CommentSort): SQL {
  const tieBreak = sort === "old" ? sql`${comments.id} asc` : sql`${comments.id} desc`;
  return sql.join([...ORDERS[sort], tieBreak], sql`, `);
}

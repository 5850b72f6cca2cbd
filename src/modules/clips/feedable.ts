import { type SQL, sql } from "drizzle-orm";
import { clips } from "../../db/schema";
import type { ClipRow } from "./wire";

/**
 * Which clips the lists show, written once. *Listed*: neither removed nor hidden (`/clips?show_all_clips=true`, what
 * anyone may see). *Feedable*: listed and submitted by a user (feeds, search, the tag, game and broadcaster pages).
 * The database keeps copies it cannot import: the partial indexes' predicate (db/schema/clips.ts, migrations 0003 and
 * 0004), the clip_counts triggers (migration 0005) and the search views (search_words 0013, search_topics 0015);
 * test/clips/feedable.test.ts checks that all of them agree.
 */
export type ClipFlags = Pick<ClipRow, "isRemoved" | "isHidden" | "submittedByUserId">;

export const isListed = (clip: ClipFlags): boolean => !clip.isRemoved && !clip.isHidden;

export const isFeedable = (clip: ClipFlags): boolean => isListed(clip) && clip.submittedByUserId !== null;

/** The flag columns of `clips`, or of a raw alias such as `c` in hand-written queries. */
export function flagColumns(alias?: string): { isRemoved: SQL; isHidden: SQL; submitter: SQL } {
  // `alias` is always a constant of ours (never input), so raw is safe here.
  const column = (name: string, drizzle: unknown) => (alias ? sql.raw(`${alias}.${name}`) : sql`${drizzle}`);
  return {
    isRemoved: column("is_removed", clips.isRemoved),
    isHidden: column("is_hidden", clips.isHidden),
    submitter: column("submitted_by_user_id", clips.submittedByUserId),
  };
}

/** isListed as SQL. Unaliased it reads as the partial indexes' predicate, so the planner can use them. */
export function listedClips(alias?: string): SQL {
  const { isRemoved, isHidden } = flagColumns(alias);
  return sql`not ${isRemoved} and not ${isHidden}`;
}

/** isFeedable as SQL. */
export function feedableClips(alias?: string): SQL {
  return sql`${listedClips(alias)} and ${flagColumns(alias).submitter} is not null`;
}

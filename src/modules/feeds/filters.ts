import { type SQL, sql } from "drizzle-orm";
import { escapeLike } from "../../db/like";
import { clips } from "../../db/schema";
import { feedableClips, listedClips } from "../clips/feedable";

export interface ClipFilters {
  gameId?: string;
  broadcasterId?: string;
  /** `filter[streamer]`: a broadcaster id or name. */
  streamer?: string;
  creatorId?: string;
  creatorName?: string;
  language?: string;
  tags?: string[];
  excludeTags?: string[];
  dateFrom?: Date;
  dateToExclusive?: Date;
  /** false hides NSFW clips; true or absent shows them. */
  nsfw?: boolean;
  /** Accepted for compatibility; there is no top-streamers list to filter by yet. */
  top10kStreamers?: boolean;
  search?: string;
  submittedByUserId?: string;
  /** `/clips?show_all_clips=true`: also clips nobody submitted (still never removed or hidden ones). */
  includeUnsubmitted?: boolean;
}

const tagMatch = (slugs: string[]) =>
  sql`exists (select 1 from clip_tags ct join tags t on t.id = ct.tag_id where ct.clip_id = ${clips.id} and t.slug in (${sql.join(
    slugs.map((s) => sql`${s}`),
    sql`, `,
  )}))`;

export function clipFilterConditions(f: ClipFilters): SQL[] {
  const conditions: SQL[] = [f.includeUnsubmitted ? listedClips() : feedableClips()];
  if (f.gameId) conditions.push(sql`${clips.gameId} = ${f.gameId}`);
  if (f.broadcasterId) conditions.push(sql`${clips.broadcasterId} = ${f.broadcasterId}`);
  if (f.streamer) {
    conditions.push(
      sql`(${clips.broadcasterId} = ${f.streamer} or lower(${clips.broadcasterName}) = lower(${f.streamer}))`,
    );
  }
  if (f.creatorId) conditions.push(sql`${clips.creatorId} = ${f.creatorId}`);
  if (f.creatorName) conditions.push(sql`lower(${clips.creatorName}) = lower(${f.creatorName})`);
  if (f.language) conditions.push(sql`${clips.language} = ${f.language}`);
  for (const slug of f.tags ?? []) conditions.push(tagMatch([slug]));
  if (f.excludeTags?.length) conditions.push(sql`not ${tagMatch(f.excludeTags)}`);
  if (f.dateFrom) conditions.push(sql`${clips.createdAt} >= ${f.dateFrom.toISOString()}::timestamptz`);
  if (f.dateToExclusive) conditions.push(sql`${clips.createdAt} < ${f.dateToExclusive.toISOString()}::timestamptz`);
  if (f.nsfw === false) conditions.push(sql`not ${clips.isNsfw}`);
  if (f.search) conditions.push(sql`${clips.title} ilike ${`%${escapeLike(f.search)}%`}`);
  if (f.submittedByUserId) conditions.push(sql`${clips.submittedByUserId} = ${f.submittedByUserId}::uuid`);
  return conditions;
}

/** The filters echoed back as `filters_applied` on the feed. */
export function filtersApplied(f: ClipFilters) {
  const applied = {
    game_id: f.gameId,
    broadcaster_id: f.broadcasterId,
    streamer: f.streamer,
    creator_id: f.creatorId,
    language: f.language,
    tags: f.tags,
    exclude_tags: f.excludeTags,
    date_from: f.dateFrom?.toISOString(),
    date_to: f.dateToExclusive?.toISOString(),
    nsfw: f.nsfw,
    top10k_streamers: f.top10kStreamers,
  };
  return Object.fromEntries(Object.entries(applied).filter(([, v]) => v !== undefined));
}

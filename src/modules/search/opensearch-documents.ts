import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import type { SearchDocument } from "../../platform/search/opensearch-bulk";
import { type IndexKind, TITLE_LANGUAGES } from "../../platform/search/opensearch-indices";
import { feedableClips } from "../clips/feedable";

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
const list = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** Either the given ids, or the next `limit` ids after a cursor (backfill), always in id order. */
export type DocSelection = { ids: string[] } | { after: string | null; limit: number };

function selection(column: SQL, s: DocSelection): { where: SQL; limit: SQL } {
  if ("ids" in s) return { where: sql`${column} in (${list(s.ids)})`, limit: sql`` };
  return { where: s.after ? sql`${column} > ${s.after}` : sql`true`, limit: sql`limit ${s.limit}` };
}

/** `title_<lang>`, the title again for its language's analyzer, when the mapping has one for the clip's language. */
export function titleInLanguage(title: string, language: string | null): Record<string, string> {
  const lang = language?.toLowerCase() ?? "";
  return Object.hasOwn(TITLE_LANGUAGES, lang) ? { [`title_${lang}`]: title } : {};
}

export async function loadClipDocs(db: Db, s: DocSelection): Promise<SearchDocument[]> {
  if ("ids" in s && s.ids.length === 0) return [];
  const { where, limit } = selection(sql`c.id`, s);
  const rows = await queryRows<Record<string, unknown> & { id: string; tags: { slug: string; name: string }[] }>(
    db,
    sql`select c.id, c.title, c.broadcaster_name, c.creator_name, c.game_name, c.game_id, c.broadcaster_id,
        c.creator_id, c.language, c.created_at, c.submitted_at, c.vote_score, c.view_count, c.comment_count,
        c.favorite_count, c.is_nsfw,
        coalesce((select json_agg(json_build_object('slug', t.slug, 'name', t.name) order by t.slug)
          from clip_tags ct join tags t on t.id = ct.tag_id where ct.clip_id = c.id), '[]'::json) as tags
      from clips c where ${feedableClips("c")} and ${where} order by c.id ${limit}`,
  );
  return rows.map((r) => ({
    ...r,
    ...titleInLanguage(r.title as string, r.language as string | null),
    created_at: iso(r.created_at),
    submitted_at: iso(r.submitted_at),
    view_count: Number(r.view_count),
    tags: r.tags.map((t) => t.slug),
    tag_labels: r.tags.map((t) => `${t.slug}\t${t.name}`),
  }));
}

/** Public profile fields only: never email or moderation columns. Banned users are not searchable. */
export function loadCreatorDocs(db: Db, s: DocSelection): Promise<SearchDocument[]> {
  if ("ids" in s && s.ids.length === 0) return Promise.resolve([]);
  const { where, limit } = selection(sql`u.id`, s);
  return queryRows<SearchDocument>(
    db,
    sql`select u.id, u.username, u.display_name, u.bio, u.karma_points from users u
      where not u.is_banned and ${where} order by u.id ${limit}`,
  );
}

export function loadTagDocs(db: Db, s: DocSelection): Promise<SearchDocument[]> {
  if ("ids" in s && s.ids.length === 0) return Promise.resolve([]);
  const { where, limit } = selection(sql`t.id`, s);
  return queryRows<SearchDocument>(
    db,
    sql`select t.id, t.name, t.slug, t.description, t.usage_count from tags t where ${where} order by t.id ${limit}`,
  );
}

/**
 * Games as the Postgres engine sees them: names and counts from visible clips, plus catalogued games without any.
 * Keyed by Twitch game id.
 */
export async function loadGameDocs(db: Db, s: DocSelection): Promise<SearchDocument[]> {
  if ("ids" in s && s.ids.length === 0) return [];
  const clipSide = selection(sql`c.game_id`, s).where;
  const catalogSide = selection(sql`g.twitch_game_id`, s).where;
  const { where, limit } = selection(sql`x.id`, s);
  const rows = await queryRows<{ id: string; name: string; clip_count: number }>(
    db,
    sql`with clip_games as (
        select c.game_id as id, max(c.game_name) as name, count(*)::int as clip_count from clips c
        where ${feedableClips("c")} and c.game_id is not null and c.game_name is not null and ${clipSide} group by c.game_id
      )
      select x.id, x.name, x.clip_count from (
        select id, name, clip_count from clip_games
        union all
        select g.twitch_game_id, g.name, 0 from games g
        where ${catalogSide} and not exists (select 1 from clip_games cg where cg.id = g.twitch_game_id)
      ) x where ${where} order by x.id ${limit}`,
  );
  return rows.map((r) => ({ ...r, clip_count: Number(r.clip_count) }));
}

export const LOADERS: Record<IndexKind, (db: Db, s: DocSelection) => Promise<SearchDocument[]>> = {
  clips: loadClipDocs,
  creators: loadCreatorDocs,
  games: loadGameDocs,
  tags: loadTagDocs,
};

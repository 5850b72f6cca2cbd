import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { feedableClips } from "../clips/feedable";
import type { EntitySearchParams, GameSearchResult, IdSearchResult } from "./engine";
import { fuzzyIds, fuzzyMatch, nameScore } from "./pg-text";

async function pagedIds(db: Db, from: SQL, score: SQL, tiebreak: SQL, p: EntitySearchParams): Promise<IdSearchResult> {
  const [counted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from}`);
  const total = counted?.n ?? 0;
  if (total === 0 || p.page.limit === 0) return { hits: [], total };
  const rows = await queryRows<{ id: string; score: number }>(
    db,
    sql`select x.id, (${score})::float8 as score ${from}
      order by score desc, ${tiebreak} limit ${p.page.limit} offset ${p.page.offset}`,
  );
  return { hits: rows.map((r) => ({ id: r.id, score: Number(r.score) })), total };
}

export function searchCreatorsPg(db: Db, p: EntitySearchParams): Promise<IdSearchResult> {
  const from = sql`from users x where not x.is_banned
    and x.id in (${fuzzyIds("users", ["username", "display_name"], p.q)})`;
  const score = sql`greatest(${nameScore(sql`x.username`, p.q)}, ${nameScore(sql`x.display_name`, p.q)})`;
  return pagedIds(db, from, score, sql`x.karma_points desc, x.id`, p);
}

export function searchTagsPg(db: Db, p: EntitySearchParams): Promise<IdSearchResult> {
  const from = sql`from tags x where ${fuzzyMatch(sql`x.name`, p.q)} or ${fuzzyMatch(sql`x.slug`, p.q)}`;
  const score = sql`greatest(${nameScore(sql`x.name`, p.q)}, ${nameScore(sql`x.slug`, p.q)})`;
  return pagedIds(db, from, score, sql`x.usage_count desc, x.id`, p);
}

/**
 * Every distinct (game id, game name) of feedable clips: a loose index scan over clips_game_name_idx, one probe per
 * pair however many clips share it, instead of a pass over every clip of the matching games.
 */
export const gameNamePairs = sql`with recursive pairs(id, name) as (
    (select c.game_id, c.game_name from clips c where ${feedableClips("c")} and c.game_id is not null
      and c.game_name is not null order by c.game_id, c.game_name limit 1)
    union all
    select next.id, next.name from pairs cross join lateral (
      select c.game_id as id, c.game_name as name from clips c
      where ${feedableClips("c")} and c.game_name is not null and (c.game_id, c.game_name) > (pairs.id, pairs.name)
      order by c.game_id, c.game_name limit 1) next
  )`;

/** The feedable clips of one (game id, name) pair of `pairs` aliased `alias`: an index-only count on clips_game_name_idx. */
export const pairClipCount = (alias: string) =>
  sql`(select count(*) from clips c where c.game_id = ${sql.raw(alias)}.id and c.game_name = ${sql.raw(alias)}.name
    and ${feedableClips("c")})`;

/**
 * Games come from clips (the names users actually see) plus catalogued games without visible clips yet. A game
 * matches by any name its clips give it and is shown by the greatest of those; clip_count counts those clips, for
 * the matched games only. `id` is the Twitch game id.
 */
export async function searchGamesPg(db: Db, p: EntitySearchParams): Promise<GameSearchResult> {
  const matched = sql`${gameNamePairs}, matched_pairs as (
      select id, name from pairs where ${fuzzyMatch(sql`name`, p.q)}
    ), clip_games as (
      select id, max(name) as name from matched_pairs group by id
    ), matched as (
      select id, name, true as clipped from clip_games
      union all
      select g.twitch_game_id, g.name, false from games g
      where ${fuzzyMatch(sql`g.name`, p.q)} and not exists (select 1 from clip_games cg where cg.id = g.twitch_game_id)
    )`;
  // One statement for the total and the page, so the pairs are walked once (a CTE read twice is materialized).
  const order = sql`${nameScore(sql`m.name`, p.q)} desc, clip_count desc, m.id`;
  const [row] = await queryRows<{ total: number; hits: [string, string, number][] | null }>(
    db,
    sql`${matched}, page as (
        select m.id, m.name, case when m.clipped then (
          select sum(${pairClipCount("mp")}) from matched_pairs mp where mp.id = m.id
        ) else 0 end::int as clip_count
        from matched m order by ${order} limit ${p.page.limit} offset ${p.page.offset}
      )
      select (select count(*)::int from matched) as total,
        (select json_agg(json_build_array(m.id, m.name, m.clip_count) order by ${order}) from page m) as hits`,
  );
  const hits = (row?.hits ?? []).map(([id, name, clipCount]) => ({ id, name, clip_count: Number(clipCount) }));
  return { hits, total: Number(row?.total ?? 0) };
}

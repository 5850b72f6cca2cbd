import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { feedableClips } from "../clips/feedable";
import type { EntitySearchParams, GameSearchResult, IdSearchResult } from "./engine";
import { fuzzyMatch, nameScore } from "./pg-text";

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
    and (${fuzzyMatch(sql`x.username`, p.q)} or ${fuzzyMatch(sql`x.display_name`, p.q)})`;
  const score = sql`greatest(${nameScore(sql`x.username`, p.q)}, ${nameScore(sql`x.display_name`, p.q)})`;
  return pagedIds(db, from, score, sql`x.karma_points desc, x.id`, p);
}

export function searchTagsPg(db: Db, p: EntitySearchParams): Promise<IdSearchResult> {
  const from = sql`from tags x where ${fuzzyMatch(sql`x.name`, p.q)} or ${fuzzyMatch(sql`x.slug`, p.q)}`;
  const score = sql`greatest(${nameScore(sql`x.name`, p.q)}, ${nameScore(sql`x.slug`, p.q)})`;
  return pagedIds(db, from, score, sql`x.usage_count desc, x.id`, p);
}

/**
 * Games come from clips (the names users actually see) plus catalogued games without visible clips yet.
 * `id` is the Twitch game id.
 */
export async function searchGamesPg(db: Db, p: EntitySearchParams): Promise<GameSearchResult> {
  const matched = sql`with clip_games as (
      select c.game_id as id, max(c.game_name) as name, count(*)::int as clip_count from clips c
      where ${feedableClips("c")} and c.game_id is not null and c.game_name is not null and ${fuzzyMatch(sql`c.game_name`, p.q)}
      group by c.game_id
    ), matched as (
      select id, name, clip_count from clip_games
      union all
      select g.twitch_game_id, g.name, 0 from games g
      where ${fuzzyMatch(sql`g.name`, p.q)} and not exists (select 1 from clip_games cg where cg.id = g.twitch_game_id)
    )`;
  const [counted] = await queryRows<{ n: number }>(db, sql`${matched} select count(*)::int as n from matched`);
  const total = counted?.n ?? 0;
  if (total === 0 || p.page.limit === 0) return { hits: [], total };
  const hits = await queryRows<{ id: string; name: string; clip_count: number }>(
    db,
    sql`${matched} select id, name, clip_count from matched
      order by ${nameScore(sql`name`, p.q)} desc, clip_count desc, id limit ${p.page.limit} offset ${p.page.offset}`,
  );
  return { hits: hits.map((h) => ({ id: h.id, name: h.name, clip_count: Number(h.clip_count) })), total };
}

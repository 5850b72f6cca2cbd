import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { feedableClips } from "../clips/feedable";
import type { Suggestion } from "./engine";
import { gameNamePairs, pairClipCount } from "./pg-entities";
import { fuzzyMatch, nameScore, prefixMatch } from "./pg-text";

/** Preferred share of the list per type; unused slots go to the other types in this order. */
const QUOTAS: [Suggestion["type"], number][] = [
  ["game", 3],
  ["creator", 3],
  ["tag", 2],
  ["query", 2],
];

/**
 * Clip titles (as queries) match by prefix only: a title is far longer than what is typed, so it is never
 * trigram-similar to it, and testing that cost a recheck of ~20k titles (0.15 s) per keystroke.
 */
function candidates(db: Db, q: string, limit: number) {
  const byName = (column: SQL) => sql`${nameScore(column, q)} desc`;
  return queryRows<{ text: string; type: Suggestion["type"] }>(
    db,
    sql`${gameNamePairs} (select text, 'game' as type from (
        select max(p.name) as text, sum(${pairClipCount("p")}) as n from pairs p where ${fuzzyMatch(sql`p.name`, q)} group by lower(p.name)
        union all
        select g.name, 0 from games g where ${fuzzyMatch(sql`g.name`, q)}
      ) s order by ${byName(sql`s.text`)}, s.n desc limit ${limit})
      union all
      (select text, 'creator' from (
        select max(c.broadcaster_name) as text, count(*) as n from clips c
        where ${feedableClips("c")} and c.broadcaster_name <> '' and ${fuzzyMatch(sql`c.broadcaster_name`, q)}
        group by lower(c.broadcaster_name)
        union all
        select u.display_name, u.karma_points from users u
        where not u.is_banned and (${fuzzyMatch(sql`u.username`, q)} or ${fuzzyMatch(sql`u.display_name`, q)})
      ) s order by ${byName(sql`s.text`)}, s.n desc limit ${limit})
      union all
      (select t.name, 'tag' from tags t where ${fuzzyMatch(sql`t.name`, q)} or ${fuzzyMatch(sql`t.slug`, q)}
        order by ${byName(sql`t.name`)}, t.usage_count desc limit ${limit})
      union all
      (select c.title, 'query' from clips c where ${feedableClips("c")} and ${prefixMatch(sql`c.title`, q)}
        order by ${byName(sql`c.title`)}, c.vote_score desc limit ${limit})`,
  );
}

/** Up to `limit` distinct suggestions mixing games, creators, tags and clip titles (as queries). */
export async function suggestPg(db: Db, q: string, limit: number): Promise<Suggestion[]> {
  const rows = await candidates(db, q, limit);
  const seen = new Set<string>();
  const byType = new Map<Suggestion["type"], Suggestion[]>(QUOTAS.map(([type]) => [type, []]));
  for (const row of rows) {
    const key = `${row.type}:${row.text.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    byType.get(row.type)?.push({ text: row.text, type: row.type });
  }
  const picked = QUOTAS.flatMap(([type, quota]) => byType.get(type)!.splice(0, quota));
  const rest = QUOTAS.flatMap(([type]) => byType.get(type)!);
  return [...picked, ...rest].slice(0, limit);
}

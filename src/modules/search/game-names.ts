import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { feedableClips } from "../clips/feedable";
import { nameForms, queryPhrases } from "./intent";

/**
 * Every way a game with visible clips is named (intent.ts `nameForms`: "fnaf", "mh wilds", "baldurs gate"), so a
 * query that names a game finds it even when neither leg returned one of its clips ("fnaf" matches no word of
 * "Five Nights at Freddy's: Security Breach"). Built once per process from the clips' game names and rebuilt every
 * few minutes: a game's first clip is named by its own title meanwhile.
 */
const REFRESH_MS = 10 * 60_000;
/** Games beyond this many (by clip count) are left to the candidates' own names. */
const MAX_GAMES = 20_000;

interface Catalogue {
  loadedAt: number;
  forms: Promise<Map<string, string[]>>;
}

const catalogues = new WeakMap<Db, Catalogue>();

async function loadForms(db: Db): Promise<Map<string, string[]>> {
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select c.game_id as id, max(c.game_name) as name from clips c
      where ${feedableClips("c")} and c.game_id is not null and c.game_name is not null
      group by c.game_id order by count(*) desc, c.game_id limit ${MAX_GAMES}`,
  );
  const forms = new Map<string, string[]>();
  for (const row of rows) {
    for (const form of nameForms(row.name)) {
      const ids = forms.get(form);
      if (ids) ids.push(row.id);
      else forms.set(form, [row.id]);
    }
  }
  return forms;
}

function catalogue(db: Db, now: number): Promise<Map<string, string[]>> {
  const held = catalogues.get(db);
  if (held && now - held.loadedAt < REFRESH_MS) return held.forms;
  const entry = { loadedAt: now, forms: loadForms(db) };
  catalogues.set(db, entry);
  entry.forms.catch(() => {
    if (catalogues.get(db) === entry) catalogues.delete(db);
  });
  // While a rebuild loads, queries keep the previous catalogue.
  return held ? held.forms : entry.forms;
}

/** The ids of the games `q` names as written (a misspelt name is still found among the candidates, intent.ts). */
export async function namedGameIds(db: Db, q: string, now = Date.now()): Promise<string[]> {
  const forms = await catalogue(db, now);
  const ids = new Set<string>();
  for (const phrase of queryPhrases(q)) for (const id of forms.get(phrase) ?? []) ids.add(id);
  return [...ids];
}

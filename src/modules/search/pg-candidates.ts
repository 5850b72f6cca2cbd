import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { toVectorLiteral } from "../../platform/embeddings/provider";
import { feedableClips } from "../clips/feedable";
import type { ClipFilters } from "./engine";
import { filterSql } from "./pg-clips";

/** What the re-ranker reads of a candidate clip: its names, and its similarity to the query when it has a vector. */
export interface Candidate {
  id: string;
  title: string;
  broadcasterId: string | null;
  broadcasterName: string;
  gameId: string | null;
  gameName: string | null;
  tags: string;
  language: string | null;
  createdAt: number;
  similarity: number | null;
}

const valueList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** The candidates of both legs in one primary-key read, with the cosine similarity computed for every one of them. */
export async function loadCandidates(db: Db, ids: string[], vector: number[], model: string): Promise<Candidate[]> {
  if (ids.length === 0) return [];
  const q = sql`${toVectorLiteral(vector)}::vector`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.id, c.title, c.broadcaster_id, c.broadcaster_name, c.game_id, c.game_name, c.search_tags, c.language,
        c.created_at,
        case when c.embedding_model = ${model} then (1 - (c.embedding <=> ${q}))::float8 end as similarity
      from clips c where c.id in (${valueList(ids)}) and ${feedableClips("c")}`,
  );
  return rows.map((r) => ({
    id: r.id as string,
    title: r.title as string,
    broadcasterId: r.broadcaster_id as string | null,
    broadcasterName: r.broadcaster_name as string,
    gameId: r.game_id as string | null,
    gameName: r.game_name as string | null,
    tags: r.search_tags as string,
    language: r.language as string | null,
    createdAt: new Date(r.created_at as string).getTime(),
    similarity: r.similarity == null ? null : Number(r.similarity),
  }));
}

/** Cosine similarity of each of these clips to each of `vectors` (fusion.ts: the residual query, the moved one). */
export async function similarities(db: Db, ids: string[], vectors: number[][], model: string) {
  if (ids.length === 0 || vectors.length === 0) return new Map<string, number[]>();
  const columns = vectors.map(
    (v, i) => sql`(1 - (c.embedding <=> ${toVectorLiteral(v)}::vector))::float8 as ${sql.raw(`s${i}`)}`,
  );
  const rows = await queryRows<Record<string, number | string>>(
    db,
    sql`select c.id, ${sql.join(columns, sql`, `)} from clips c
      where c.id in (${valueList(ids)}) and c.embedding_model = ${model}`,
  );
  return new Map(rows.map((r) => [r.id as string, vectors.map((_, i) => Number(r[`s${i}`]))]));
}

/** The normalised mean of these clips' vectors: the pseudo-relevance feedback direction (fusion.ts). */
export async function centroid(db: Db, ids: string[], model: string): Promise<number[] | undefined> {
  if (ids.length === 0) return undefined;
  const [row] = await queryRows<{ v: string | null }>(
    db,
    sql`select avg(c.embedding)::text as v from clips c where c.id in (${valueList(ids)}) and c.embedding_model = ${model}`,
  );
  return row?.v ? (JSON.parse(row.v) as number[]) : undefined;
}

/** Clips of each named channel or game: enough for the re-ranker to see the name (the intent pass finds the rest). */
const CLIPS_PER_NAME = 3;

/**
 * The newest CLIPS_PER_NAME clips (under `filters`) of each named channel and game. Each is an index scan that stops
 * after a few rows (`clips_broadcaster_idx`, `clips_game_idx`), however many clips a big channel or game has; a handle
 * is resolved to its channel id first, through `clips_broadcaster_name_idx`.
 */
function newestOf(column: SQL, names: SQL, filters: ClipFilters): SQL {
  return sql`select x.id from (select distinct v from (${names}) named(v) where v is not null) named
    cross join lateral (select c.id from clips c where ${column} = named.v and ${filterSql(filters)}
      order by c.created_at desc limit ${CLIPS_PER_NAME}) x`;
}

const rowsOf = (values: string[]) =>
  sql.join(
    values.map((v) => sql`(${v})`),
    sql`, `,
  );

/**
 * A few clips of every channel whose handle, lowercased, is one of `spellings` and of every game in `gameIds`: the
 * keyword leg's minimum-should-match leaves out a channel's clips that hold none of the query's other words
 * ("friendly fire quotaqueen"), a game's alias may be no word of its clips ("fnaf"), and a name is only known to be
 * named when one of its clips is a candidate.
 */
export async function namedClips(db: Db, spellings: string[], gameIds: string[], filters: ClipFilters) {
  const parts: SQL[] = [];
  if (spellings.length) {
    const channels = sql`select (select c.broadcaster_id from clips c where lower(c.broadcaster_name) = s.v
      and c.broadcaster_id is not null limit 1) from (values ${rowsOf(spellings)}) s(v)`;
    parts.push(newestOf(sql`c.broadcaster_id`, channels, filters));
  }
  if (gameIds.length) parts.push(newestOf(sql`c.game_id`, sql`values ${rowsOf(gameIds)}`, filters));
  if (parts.length === 0) return [];
  const rows = await queryRows<{ id: string }>(db, sql.join(parts, sql` union `));
  return rows.map((r) => r.id);
}

/** At most this many titles of the query make moments to look around, each giving its nearest clips in time. */
const MAX_MOMENTS = 3;
const CLIPS_PER_MOMENT = 5;

/**
 * The CLIPS_PER_MOMENT clips (under `filters`) made nearest in time to each anchor on its channel, in its game, within
 * `windowMs`: the other clips of a moment are titled by other clippers in other words, so neither leg finds them
 * from one title.
 */
export async function momentClips(db: Db, anchors: Candidate[], windowMs: number, filters: ClipFilters) {
  const moments = anchors
    .filter((a) => a.broadcasterId && a.gameId)
    .slice(0, MAX_MOMENTS)
    .map((a) => {
      const at = new Date(a.createdAt).toISOString();
      return sql`(select c.id from clips c where c.broadcaster_id = ${a.broadcasterId} and c.game_id = ${a.gameId}
          and c.id <> ${a.id} and c.created_at between ${at}::timestamptz - ${`${windowMs} milliseconds`}::interval
          and ${at}::timestamptz + ${`${windowMs} milliseconds`}::interval and ${filterSql(filters)}
        order by abs(extract(epoch from c.created_at - ${at}::timestamptz)) limit ${CLIPS_PER_MOMENT})`;
    });
  if (moments.length === 0) return [];
  const rows = await queryRows<{ id: string }>(db, sql.join(moments, sql` union `));
  return rows.map((r) => r.id);
}

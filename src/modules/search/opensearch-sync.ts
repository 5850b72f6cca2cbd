import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import { bulkWrite, type SearchDocument } from "../../platform/search/opensearch-bulk";
import type { OsClient } from "../../platform/search/opensearch-client";
import type { IndexKind } from "../../platform/search/opensearch-indices";
import { feedableClips } from "../clips/feedable";
import { writeCurrentDocuments } from "./opensearch-document-sync";
import { LOADERS } from "./opensearch-documents";

/** Bulk loads and scans get a longer leash than a search request. */
const BULK_TIMEOUT_MS = 120_000;
const SCAN_PAGE = 5000;

const COUNTS: Record<IndexKind, ReturnType<typeof sql>> = {
  clips: sql`select count(*)::int as n from clips c where ${feedableClips("c")}`,
  creators: sql`select count(*)::int as n from users where not is_banned`,
  tags: sql`select count(*)::int as n from tags`,
  games: sql`select count(*)::int as n from (select game_id from clips where game_id is not null
    union select twitch_game_id from games) g`,
};

/** How many documents the index should hold (games: an upper bound, for the progress bar). */
export async function countSource(db: Db, kind: IndexKind): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, COUNTS[kind]);
  return Number(row?.n ?? 0);
}

export interface CopyOptions {
  kind: IndexKind;
  index: string;
  batch: number;
  /** Bulk requests in flight at once (a single-shard index writes one request per thread). */
  parallel?: number;
  /** Resume after this id (checkpoint). */
  after?: string | null;
  onBatch?: (lastId: string, count: number) => void | Promise<void>;
}

/**
 * Copies every searchable row into `index` in id order with the bulk API: `parallel` pages are written at once
 * while the next round is read from Postgres. `onBatch` runs once a whole round is written, so a checkpoint taken
 * there never skips a page. Returns the number of documents written.
 */
export async function copyToIndex(db: Db, client: OsClient, o: CopyOptions): Promise<number> {
  const parallel = o.parallel ?? 4;
  const loadRound = async (after: string | null) => {
    const pages: SearchDocument[][] = [];
    while (pages.length < parallel) {
      const page = await LOADERS[o.kind](db, { after, limit: o.batch });
      if (page.length > 0) pages.push(page);
      if (page.length < o.batch) break;
      after = page.at(-1)!.id;
    }
    return pages;
  };
  let written = 0;
  let round = await loadRound(o.after ?? null);
  while (round.length > 0) {
    const last = round.at(-1)!;
    const next = last.length === o.batch ? loadRound(last.at(-1)!.id) : Promise.resolve([]);
    await Promise.all(
      round.map((upserts) => bulkWrite(client, { index: o.index, upserts, timeoutMs: BULK_TIMEOUT_MS })),
    );
    const count = round.reduce((n, page) => n + page.length, 0);
    written += count;
    await o.onBatch?.(last.at(-1)!.id, count);
    round = await next;
  }
  return written;
}

export async function outboxHighWater(db: Db): Promise<number> {
  const [row] = await queryRows<{ id: number | null }>(db, sql`select max(id) as id from outbox`);
  return Number(row?.id ?? 0);
}

const AGGREGATE_OF: Partial<Record<IndexKind, string>> = { clips: "clip", creators: "user", tags: "tag" };

/**
 * Re-syncs the rows changed since outbox id `since`. A copy that read a row just before an edit could otherwise
 * overwrite the pipeline's newer document; running this after the copy makes the newest state win.
 */
export async function catchUp(db: Db, client: OsClient, kind: IndexKind, index: string, since: number) {
  const aggregate = AGGREGATE_OF[kind];
  if (!aggregate) return 0;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select distinct aggregate_id as id from outbox
      where id > ${since} and topic = 'search-index' and aggregate_type = ${aggregate}`,
  );
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    await writeCurrentDocuments(client, index, chunk, await LOADERS[kind](db, { ids: chunk }), BULK_TIMEOUT_MS);
  }
  return ids.length;
}

interface ScanHit {
  _id: string;
  _source?: { vote_score?: number };
  sort: unknown[];
}

/** Every document id in the index (with vote_score for clips), walked with search_after in id order. */
export async function scanIndex(client: OsClient, index: string, withVotes: boolean): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  let after: unknown[] | undefined;
  for (;;) {
    const res = await client.request<{ hits: { hits: ScanHit[] } }>({
      method: "POST",
      path: `/${index}/_search`,
      timeoutMs: BULK_TIMEOUT_MS,
      body: {
        size: SCAN_PAGE,
        _source: withVotes ? ["vote_score"] : false,
        sort: [{ id: "asc" }],
        ...(after ? { search_after: after } : {}),
      },
    });
    const hits = res.body.hits.hits;
    for (const h of hits) ids.set(h._id, h._source?.vote_score ?? 0);
    if (hits.length < SCAN_PAGE) return ids;
    after = hits.at(-1)!.sort;
  }
}

export async function deleteFromIndex(client: OsClient, index: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    await bulkWrite(client, { index, deletes: ids.slice(i, i + 1000), timeoutMs: BULK_TIMEOUT_MS });
  }
}

/** What the index should contain: id → vote_score for clips (0 for the other kinds). */
export async function sourceIds(db: Db, kind: IndexKind): Promise<Map<string, number>> {
  if (kind === "clips") {
    const rows = await queryRows<{ id: string; vote_score: number }>(
      db,
      sql`select c.id, c.vote_score from clips c where ${feedableClips("c")}`,
    );
    return new Map(rows.map((r) => [r.id, Number(r.vote_score)]));
  }
  const ids = new Map<string, number>();
  let after: string | null = null;
  for (;;) {
    const page = await LOADERS[kind](db, { after, limit: SCAN_PAGE });
    for (const doc of page) ids.set(doc.id, 0);
    if (page.length < SCAN_PAGE) return ids;
    after = page.at(-1)!.id;
  }
}

export interface IndexDiff {
  missing: string[];
  extra: string[];
  /** Clips whose indexed vote_score differs from Postgres. */
  stale: string[];
}

export function diffIds(source: Map<string, number>, indexed: Map<string, number>, compareVotes: boolean): IndexDiff {
  const missing: string[] = [];
  const stale: string[] = [];
  for (const [id, votes] of source) {
    const found = indexed.get(id);
    if (found === undefined) missing.push(id);
    else if (compareVotes && found !== votes) stale.push(id);
  }
  const extra = [...indexed.keys()].filter((id) => !source.has(id));
  return { missing: missing.sort(), extra: extra.sort(), stale: stale.sort() };
}

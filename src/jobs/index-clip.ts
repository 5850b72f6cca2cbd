import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, queryRows } from "../db/client";
import { PermanentJobError, type Processor } from "../platform/jobs/jobs";
import { bulkWrite } from "../platform/search/opensearch-bulk";
import { type OsClient, seg } from "../platform/search/opensearch-client";
import { LOADERS } from "../platform/search/opensearch-documents";
import { aliasFor, type IndexKind } from "../platform/search/opensearch-indices";

const Payload = z.object({ id: z.uuid() });
/** Beyond this many clips a renamed tag's old label lingers until `bun run backfill-search`. */
const MAX_TAG_FANOUT = 10_000;

function parse(payload: unknown): string {
  const parsed = Payload.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError(`invalid search-index payload: ${JSON.stringify(payload)}`);
  return parsed.data.id;
}

/** Re-reads the rows and writes what Postgres says now: present → index, gone or not searchable → delete. */
async function sync(client: OsClient, db: Db, kind: IndexKind, ids: string[]): Promise<void> {
  const docs = await LOADERS[kind](db, { ids });
  const found = new Set(docs.map((d) => d.id));
  await bulkWrite(client, {
    index: aliasFor(client, kind),
    upserts: docs,
    deletes: ids.filter((id) => !found.has(id)),
  });
}

/** A field of the document as indexed now (before this job overwrites it). */
async function indexedField(client: OsClient, kind: IndexKind, id: string, field: string): Promise<string | undefined> {
  const res = await client.request<{ _source?: Record<string, string | null> }>({
    method: "GET",
    path: `/${aliasFor(client, kind)}/_doc/${seg(id)}`,
    querystring: { _source_includes: field },
    ignore: [404],
  });
  return res.body._source?.[field] ?? undefined;
}

/** Clips indexed with a tag slug: their tag list and facet label follow the tag's rename or deletion. */
async function clipsTagged(client: OsClient, slug: string): Promise<string[]> {
  const res = await client.request<{ hits: { hits: { _id: string }[] } }>({
    method: "POST",
    path: `/${aliasFor(client, "clips")}/_search`,
    body: { size: MAX_TAG_FANOUT, _source: false, query: { term: { tags: slug } } },
  });
  return res.body.hits.hits.map((h) => h._id);
}

async function gameIdOf(db: Db, table: "clips" | "games", id: string): Promise<string | undefined> {
  const query =
    table === "clips"
      ? sql`select game_id as g from clips where id = ${id}`
      : sql`select twitch_game_id as g from games where id = ${id}`;
  const [row] = await queryRows<{ g: string | null }>(db, query);
  return row?.g ?? undefined;
}

/**
 * The "search-index" queue. Jobs carry only an id and are idempotent, so retries, duplicates and out-of-order runs
 * all converge on the current row. Without OpenSearch they do nothing: Postgres FTS reads the tables directly.
 */
export function createSearchIndexProcessors(db: Db, client: OsClient | undefined): Record<string, Processor> {
  const run = (work: (client: OsClient, id: string) => Promise<void>): Processor => {
    return async (payload) => {
      const id = parse(payload);
      if (client) await work(client, id);
    };
  };
  return {
    "index-clip": run(async (os, id) => {
      // A clip moves its game's clip_count, and the game it left when its game changed.
      const [before, after] = await Promise.all([indexedField(os, "clips", id, "game_id"), gameIdOf(db, "clips", id)]);
      await sync(os, db, "clips", [id]);
      const games = [...new Set([before, after].filter((g): g is string => Boolean(g)))];
      if (games.length) await sync(os, db, "games", games);
    }),
    "index-user": run((os, id) => sync(os, db, "creators", [id])),
    "index-tag": run(async (os, id) => {
      const slug = await indexedField(os, "tags", id, "slug");
      await sync(os, db, "tags", [id]);
      const affected = slug ? await clipsTagged(os, slug) : [];
      for (let i = 0; i < affected.length; i += 500) await sync(os, db, "clips", affected.slice(i, i + 500));
    }),
    "index-game": run(async (os, id) => {
      const gameId = await gameIdOf(db, "games", id);
      if (gameId) await sync(os, db, "games", [gameId]);
    }),
  };
}

import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/client";
import {
  clipsTaggedWith,
  indexedFields,
  syncDocuments,
  writeCurrentDocuments,
} from "../modules/search/opensearch-document-sync";
import { loadClipDocs } from "../modules/search/opensearch-documents";
import type { Processor } from "../platform/jobs/jobs";
import type { SearchDocument } from "../platform/search/opensearch-bulk";
import type { OsClient } from "../platform/search/opensearch-client";
import { aliasFor } from "../platform/search/opensearch-indices";
import { type JobName, type JobPayload, processorFor } from "./queues";

type SearchJob = "index-clip" | "index-user" | "index-tag" | "index-game";
type GameFields = Record<string, unknown>;

/**
 * The games whose document a clip's change touches: a game's name and clip_count come from its searchable clips, so
 * only a clip that joined, left or moved between games, or renamed its game, changes one (a vote changes none).
 */
export function gamesTouched(indexed: GameFields | undefined, current: GameFields | undefined): string[] {
  if (indexed?.game_id === current?.game_id && indexed?.game_name === current?.game_name) return [];
  return [...new Set([indexed?.game_id, current?.game_id].filter((g): g is string => typeof g === "string"))];
}

async function twitchGameIdOf(db: Db, id: string): Promise<string | undefined> {
  const [row] = await queryRows<{ g: string | null }>(db, sql`select twitch_game_id as g from games where id = ${id}`);
  return row?.g ?? undefined;
}

async function indexClip(db: Db, os: OsClient, id: string): Promise<void> {
  const [indexed, docs] = await Promise.all([
    indexedFields(os, "clips", id, ["game_id", "game_name"]),
    loadClipDocs(db, { ids: [id] }),
  ]);
  const current: SearchDocument | undefined = docs[0];
  const games = gamesTouched(indexed, current);
  // Games before the clip: if a game write fails, the retry still sees the clip's old document and redoes it.
  if (games.length) await syncDocuments(db, os, "games", games);
  await writeCurrentDocuments(os, aliasFor(os, "clips"), [id], docs);
}

/**
 * The "search-index" queue. Jobs carry only an id and are idempotent, so retries, duplicates and out-of-order runs
 * all converge on the current row. Without OpenSearch they do nothing: Postgres FTS reads the tables directly.
 */
export function createSearchIndexProcessors(db: Db, client: OsClient | undefined): Record<SearchJob, Processor> {
  const run = <N extends SearchJob & JobName>(name: N, work: (os: OsClient, id: string) => Promise<void>) =>
    processorFor(name, async ({ id }: JobPayload<N>) => {
      if (client) await work(client, id);
    });
  return {
    "index-clip": run("index-clip", (os, id) => indexClip(db, os, id)),
    "index-user": run("index-user", (os, id) => syncDocuments(db, os, "creators", [id])),
    "index-tag": run("index-tag", async (os, id) => {
      const slug = (await indexedFields(os, "tags", id, ["slug"]))?.slug;
      await syncDocuments(db, os, "tags", [id]);
      const affected = slug ? await clipsTaggedWith(os, slug) : [];
      for (let i = 0; i < affected.length; i += 500) await syncDocuments(db, os, "clips", affected.slice(i, i + 500));
    }),
    "index-game": run("index-game", async (os, id) => {
      const gameId = await twitchGameIdOf(db, id);
      if (gameId) await syncDocuments(db, os, "games", [gameId]);
    }),
  };
}

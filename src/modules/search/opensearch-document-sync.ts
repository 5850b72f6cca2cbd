import type { Db } from "../../db/client";
import { bulkWrite, type SearchDocument } from "../../platform/search/opensearch-bulk";
import { type OsClient, seg } from "../../platform/search/opensearch-client";
import { aliasFor, type IndexKind } from "../../platform/search/opensearch-indices";
import { LOADERS } from "./opensearch-documents";

/** Beyond this many clips a renamed tag's old label lingers until `bun run backfill-search`. */
const MAX_TAG_FANOUT = 10_000;

/**
 * Makes `index` hold what Postgres says now for `ids`, given the documents just loaded for them: those are indexed,
 * the other ids (gone or no longer searchable) deleted.
 */
export async function writeCurrentDocuments(
  client: OsClient,
  index: string,
  ids: string[],
  docs: SearchDocument[],
  timeoutMs?: number,
): Promise<void> {
  const found = new Set(docs.map((d) => d.id));
  await bulkWrite(client, { index, upserts: docs, deletes: ids.filter((id) => !found.has(id)), timeoutMs });
}

/** Re-reads the rows and writes what Postgres says now through the kind's alias. */
export async function syncDocuments(db: Db, client: OsClient, kind: IndexKind, ids: string[]): Promise<void> {
  await writeCurrentDocuments(client, aliasFor(client, kind), ids, await LOADERS[kind](db, { ids }));
}

/** Fields of a document as indexed now, or undefined when it is not indexed. */
export async function indexedFields<F extends string>(
  client: OsClient,
  kind: IndexKind,
  id: string,
  fields: F[],
): Promise<Partial<Record<F, string | null>> | undefined> {
  const res = await client.request<{ found?: boolean; _source?: Partial<Record<F, string | null>> }>({
    method: "GET",
    path: `/${aliasFor(client, kind)}/_doc/${seg(id)}`,
    querystring: { _source_includes: fields.join(",") },
    ignore: [404],
  });
  return res.body.found ? (res.body._source ?? {}) : undefined;
}

/** Clips indexed with a tag slug: their tag list and facet label follow the tag's rename or deletion. */
export async function clipsTaggedWith(client: OsClient, slug: string): Promise<string[]> {
  const res = await client.request<{ hits: { hits: { _id: string }[] } }>({
    method: "POST",
    path: `/${aliasFor(client, "clips")}/_search`,
    body: { size: MAX_TAG_FANOUT, _source: false, query: { term: { tags: slug } } },
  });
  return res.body.hits.hits.map((h) => h._id);
}

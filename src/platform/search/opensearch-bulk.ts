import type { OsClient } from "./opensearch-client";

/** A document as the index stores it: whole, keyed by `id`. */
export interface SearchDocument {
  id: string;
  [field: string]: unknown;
}

interface BulkItemResult {
  status: number;
  error?: { type?: string; reason?: string };
}
interface BulkResponse {
  errors: boolean;
  items: Record<string, BulkItemResult>[];
}

export interface BulkWrite {
  index: string;
  upserts?: SearchDocument[];
  deletes?: string[];
  timeoutMs?: number;
  /** `wait_for` makes the change searchable before returning (tests only; it costs a refresh per call). */
  refresh?: boolean;
}

export class BulkError extends Error {
  constructor(readonly failures: string[]) {
    super(`bulk write failed for ${failures.length} document(s): ${failures.slice(0, 3).join("; ")}`);
  }
}

/** Whole-document index/delete by id: replaying the same write gives the same index, so retries are safe. */
export async function bulkWrite(client: OsClient, w: BulkWrite): Promise<{ indexed: number; deleted: number }> {
  const upserts = w.upserts ?? [];
  const deletes = w.deletes ?? [];
  if (upserts.length === 0 && deletes.length === 0) return { indexed: 0, deleted: 0 };
  const lines: unknown[] = [];
  for (const doc of upserts) lines.push({ index: { _index: w.index, _id: doc.id } }, doc);
  for (const id of deletes) lines.push({ delete: { _index: w.index, _id: id } });
  const res = await client.request<BulkResponse>({
    method: "POST",
    path: "/_bulk",
    bulk: lines,
    timeoutMs: w.timeoutMs,
    querystring: w.refresh ? { refresh: "wait_for" } : undefined,
  });
  if (res.body.errors) {
    const failures = res.body.items
      .map((item) => Object.values(item)[0]!)
      // Deleting a document that was never indexed is the outcome we wanted.
      .filter((r) => r.status >= 300 && r.status !== 404)
      .map((r) => `${r.status} ${r.error?.type ?? ""} ${r.error?.reason ?? ""}`.trim());
    if (failures.length) throw new BulkError(failures);
  }
  return { indexed: upserts.length, deleted: deletes.length };
}

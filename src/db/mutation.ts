import type { CacheAside } from "../platform/cache/cache-aside";
import type { Db } from "./client";

/** What a write needs: the primary, and the cache whose scopes it invalidates. */
export interface Writer {
  db: Db;
  caching: Pick<CacheAside, "invalidate">;
}

/** A write's result and the cache scopes (platform/cache/scopes.ts) it changed; `[]` says it changed none. */
export interface Change<T> {
  result: T;
  invalidates: readonly string[];
}

/**
 * The one write path. `work` runs in one transaction, and the repositories it calls write their outbox rows on the
 * same `tx`, so search and notifications see exactly the committed writes. The scopes it names are invalidated
 * after the commit, never inside: a read between a bump and the commit would cache the old rows under the new
 * version. A write that throws rolls back and invalidates nothing.
 */
export async function mutate<T>(deps: Writer, work: (tx: Db) => Promise<Change<T>>): Promise<T> {
  let touched: Set<string> | undefined;
  const { result, invalidates } = await deps.db.transaction((tx) => {
    touched = new Set();
    onCommit.set(tx, touched);
    return work(tx);
  });
  const scopes = [...new Set([...invalidates, ...(touched ?? [])])];
  if (scopes.length > 0) await deps.caching.invalidate(...scopes);
  return result;
}

const onCommit = new WeakMap<Db, Set<string>>();

/**
 * For a repository helper that writes a row others cache on whatever transaction its caller passes (karma and
 * follow counts on users rows): scopes `mutate` invalidates after that transaction commits, beside the ones its work
 * returns. On a transaction `mutate` did not open they are dropped: the helper's caller then owns the invalidation.
 */
export function invalidateOnCommit(tx: Db, ...scopes: string[]) {
  const touched = onCommit.get(tx);
  for (const scope of scopes) touched?.add(scope);
}

export interface MemoOptions {
  /**
   * How much older than the caches below it a replayed answer may be (default 2 s): writes still show at once (a
   * scope bump fails the replay), only TTL-bound drift (a feed's order by votes, view counts) grows by this much.
   */
  ttlMs?: number;
  /** Work every answer does besides its body (counting a clip view), done on each replay too. */
  onReplay?: () => void;
  /**
   * The answer is this caller's own (GET /auth/me): replayed only for the same Authorization header, and never past
   * `until` (the access token's expiry, epoch ms). Without it an answer must be `public`.
   */
  caller?: { userId: string; until: number };
}

/** What a route tells the memo about an answer it may replay: the scopes it was built from. */
export interface MemoPlan extends MemoOptions {
  dependsOn: readonly string[];
  route: string;
}

/** A stored answer: the bytes and headers the middleware chain produced, and the scope versions it was built at. */
export interface MemoEntry extends MemoPlan {
  versions: string[];
  body: Uint8Array;
  headers: Headers;
  etag: string | null;
}

interface Held extends MemoEntry {
  expiresAt: number;
  /** Past its TTL, one request rebuilds it while the others are still answered from it (for REFRESH_GRACE_MS). */
  refreshing: boolean;
  bytes: number;
}

const DEFAULT_TTL_MS = 2_000;
/** Long enough for one rebuild under load; then an entry whose rebuild was not stored is dropped. */
const REFRESH_GRACE_MS = 1_000;
/** Beside its body and key, what an entry holds (its Headers, versions, plan), measured at about 1.7 KB. */
const ENTRY_OVERHEAD_BYTES = 2_000;

/**
 * The memo's entries by key within a byte budget, oldest dropped first. `replayable` says whether a request is
 * answered from an entry: while its versions are current (`isCurrent`) and it is in its TTL, and past the TTL while
 * another request rebuilds it (the first one past it does); otherwise the entry is dropped.
 */
export function createMemoEntries(budgetBytes: number, now: () => number = Date.now) {
  const entries = new Map<string, Held>();
  let bytes = 0;
  const drop = (key: string, entry: Held) => {
    if (entries.get(key) !== entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };

  return {
    put(key: string, stored: MemoEntry) {
      const ttlEnd = now() + (stored.ttlMs ?? DEFAULT_TTL_MS);
      const entry: Held = {
        ...stored,
        expiresAt: Math.min(ttlEnd, stored.caller?.until ?? Number.POSITIVE_INFINITY),
        refreshing: false,
        bytes: stored.body.byteLength + key.length + ENTRY_OVERHEAD_BYTES,
      };
      const old = entries.get(key);
      if (old) drop(key, old);
      entries.set(key, entry);
      bytes += entry.bytes;
      for (const [oldest, value] of entries) {
        if (bytes <= budgetBytes) break;
        drop(oldest, value);
      }
    },

    replayable(key: string, isCurrent: (entry: MemoEntry) => boolean): MemoEntry | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      const at = now();
      // A caller's answer ends with its token: no grace past that.
      if (isCurrent(entry) && at < (entry.caller?.until ?? Number.POSITIVE_INFINITY)) {
        if (at < entry.expiresAt) return entry;
        if (!entry.refreshing) {
          entry.refreshing = true;
          return undefined;
        }
        if (at < entry.expiresAt + REFRESH_GRACE_MS) return entry;
      }
      drop(key, entry);
      return undefined;
    },
  };
}

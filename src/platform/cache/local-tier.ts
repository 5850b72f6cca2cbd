/**
 * A small in-process copy of recently read cache entries, in front of Redis. Only versioned entries go here: their
 * key embeds every scope version they depend on, and the versions are current on each request (kept so by pub/sub,
 * or read from Redis, scope-versions.ts), so an invalidation anywhere is seen at once and a local copy can never be
 * served for a newer version. What it saves is
 * moving and decoding the same large value (a ~30 KB feed body) from Redis thousands of times a second.
 */
export interface LocalTier {
  get(key: string): string | undefined;
  /** Kept for the tier's TTL, or a fifth of the entry's own TTL if that is shorter (a copy taken from Redis just
   * before the entry expired there outlives it by at most that much). */
  set(key: string, value: string, entryTtlSeconds: number): void;
}

interface Entry {
  value: string;
  expiresAt: number;
}

export function createLocalTier(
  { maxChars, ttlMs }: { maxChars: number; ttlMs: number },
  now: () => number = Date.now,
): LocalTier {
  const entries = new Map<string, Entry>();
  let chars = 0;
  const drop = (key: string, entry: Entry) => {
    entries.delete(key);
    chars -= entry.value.length;
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        drop(key, entry);
        return undefined;
      }
      return entry.value;
    },
    set(key, value, entryTtlSeconds) {
      if (value.length > maxChars / 4) return;
      const old = entries.get(key);
      if (old) drop(key, old);
      entries.set(key, { value, expiresAt: now() + Math.min(ttlMs, (entryTtlSeconds * 1000) / 5) });
      chars += value.length;
      // Oldest first: Map iteration follows insertion order.
      for (const [oldest, entry] of entries) {
        if (chars <= maxChars) break;
        drop(oldest, entry);
      }
    },
  };
}

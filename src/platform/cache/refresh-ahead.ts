/** Keys whose refresh was queued, remembered this long at least, so a refresh that keeps failing is retried rarely. */
const RETRY_FRACTION_OF_TTL = 0.25;
const MAX_REMEMBERED = 10_000;

/**
 * Background reloads of entries past their TTL (cachedText's refreshAhead), one at a time per process and each key
 * at most once per quarter of its TTL. One at a time: the entries that expire together are costly to build (cold
 * searches), and building them all at once on a loaded core made every one miss its own deadline (a degraded search
 * is not stored), so the stale entries were reloaded again on every hit and the process saturated itself.
 */
export function createRefresher(onError: (err: unknown) => void, now: () => number = Date.now) {
  const queuedAt = new Map<string, number>();
  let tail: Promise<void> = Promise.resolve();
  return (key: string, ttlSeconds: number, reload: () => Promise<void>) => {
    const last = queuedAt.get(key);
    if (last !== undefined && now() - last < ttlSeconds * 1000 * RETRY_FRACTION_OF_TTL) return;
    queuedAt.delete(key);
    queuedAt.set(key, now());
    if (queuedAt.size > MAX_REMEMBERED) queuedAt.delete(queuedAt.keys().next().value!);
    tail = tail.then(reload).catch(onError);
  };
}

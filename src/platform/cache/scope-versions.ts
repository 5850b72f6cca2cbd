import type { Redis } from "ioredis";
import type { Logger } from "../logger";
import { redisErrorListener } from "../redis";
import type { Cache } from "./cache";

/** The current version of each invalidation scope (scopes.ts), and the bump that orphans a scope's entries. */
export interface ScopeVersions {
  current(scope: string): Promise<string>;
  /** The version `current` would answer from memory, if it has one: no promise for a hit (a page reads dozens). */
  peek?(scope: string): string | undefined;
  /**
   * A counter that moves whenever a version held in memory may have changed (a bump, a message, the subscription
   * going up or down): the same count before and after a request means every version it peeked stayed current.
   */
  changes?(): number;
  bump(scope: string): Promise<void>;
  close(): Promise<void>;
}

// Longer than any entry TTL, so a version that expires can only orphan entries that have expired too.
const VERSION_TTL_SECONDS = 7 * 86_400;
/** ~100 bytes each: a 100k-clip catalogue's clip scopes fit; past that the oldest are read from Redis again. */
const MAX_KNOWN_SCOPES = 200_000;

// A version is a fresh random token rather than an INCR counter: a version key that was evicted (LRU) or expired is
// replaced by a new token, never by a value some old entry was stored under.
const newVersion = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const versionKey = (scope: string) => `v:${scope}`;

/**
 * The embedded default's versions (one process, no Redis): held in a map, so every read is a peek. A version
 * dropped past MAX_KNOWN_SCOPES comes back as a new one, which orphans its entries rather than reviving them.
 */
export function localVersions(): ScopeVersions {
  const known = new Map<string, string>();
  let changes = 0;
  const current = (scope: string) => {
    let version = known.get(scope);
    if (version === undefined) {
      version = newVersion();
      known.set(scope, version);
      if (known.size > MAX_KNOWN_SCOPES) known.delete(known.keys().next().value!);
    }
    return version;
  };
  return {
    peek: current,
    changes: () => changes,
    current: async (scope) => current(scope),
    async bump(scope) {
      changes++;
      known.delete(scope);
      known.set(scope, newVersion());
    },
    close: async () => {},
  };
}

/** Every read asks the store: Redis while the subscription is down. */
export function storedVersions(cache: Cache): ScopeVersions {
  return {
    async current(scope) {
      const key = versionKey(scope);
      const found = await cache.get(key);
      if (found) return found;
      const fresh = newVersion();
      return (await cache.setIfAbsent(key, fresh, VERSION_TTL_SECONDS)) ? fresh : ((await cache.get(key)) ?? fresh);
    },
    bump: (scope) => cache.set(versionKey(scope), newVersion(), VERSION_TTL_SECONDS),
    close: async () => {},
  };
}

// One script, so the order of the messages is the order of the writes: two instances bumping one scope at once
// cannot leave subscribers on the version that lost. One key per call (Redis Cluster: one slot per command).
const BUMP = `
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4])`;

/**
 * Scope versions kept in process memory and updated by Redis pub/sub from every instance's bumps, so a cached hit
 * costs no Redis round trip and an invalidation anywhere is seen at once. While the subscription is down, and from
 * a reconnect until it is subscribed again, every read goes to Redis (`storedVersions`), and nothing learnt then is
 * kept: a bump published in the gap was never received. A version read from Redis is kept only if no message or
 * bump arrived while it was read, since one that did may be newer than the reply.
 */
export function subscribedVersions(
  redis: Redis,
  cache: Cache,
  { keyPrefix, logger, onLive }: { keyPrefix: string; logger: Logger; onLive?: (live: boolean) => void },
): ScopeVersions {
  const stored = storedVersions(cache);
  const channel = `${keyPrefix}cache-versions`;
  const known = new Map<string, string>();
  let live = false;
  let closing = false;
  let generation = 0;
  const setLive = (value: boolean) => {
    known.clear();
    generation++;
    if (live !== value) onLive?.(value);
    live = value;
  };
  const remember = (scope: string, version: string) => {
    known.delete(scope);
    known.set(scope, version);
    if (known.size > MAX_KNOWN_SCOPES) known.delete(known.keys().next().value!);
  };

  const subscriber = redis.duplicate({
    lazyConnect: true,
    autoResubscribe: false,
    enableOfflineQueue: true,
    connectionName: `${keyPrefix}cache-versions`,
  });
  subscriber.on("error", redisErrorListener(redis));
  subscriber.on("close", () => {
    if (live && !closing) logger.warn("cache version subscription lost: reading scope versions from Redis");
    setLive(false);
  });
  subscriber.on("ready", () => {
    subscriber.subscribe(channel).then(
      () => setLive(true),
      (err) => logger.warn({ err }, "cache version subscription failed: reading scope versions from Redis"),
    );
  });
  subscriber.on("message", (_channel: string, message: string) => {
    generation++;
    const [scope, version] = JSON.parse(message) as [string, string];
    if (live) remember(scope, version);
  });
  subscriber.connect().catch((err) => logger.warn({ err }, "cache version subscription not connected"));

  const peek = (scope: string) => (live ? known.get(scope) : undefined);
  return {
    peek,
    changes: () => generation,
    async current(scope) {
      const hit = peek(scope);
      if (hit !== undefined) return hit;
      const seen = generation;
      const wasLive = live;
      const version = await stored.current(scope);
      if (wasLive && live && seen === generation) remember(scope, version);
      return version;
    },
    async bump(scope) {
      const version = newVersion();
      const message = JSON.stringify([scope, version]);
      await redis.eval(BUMP, 1, `${keyPrefix}${versionKey(scope)}`, version, VERSION_TTL_SECONDS, channel, message);
      // Until our own message arrives, this instance reads the scope from Redis: it holds this version or a later one.
      generation++;
      known.delete(scope);
    },
    async close() {
      closing = true;
      setLive(false);
      subscriber.disconnect();
    },
  };
}

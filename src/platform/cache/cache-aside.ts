import { createHash } from "node:crypto";
import type { Logger } from "../logger";
import type { Cache } from "./cache";
import type { LocalTier } from "./local-tier";
import { type ScopeVersions, storedVersions } from "./scope-versions";
import { createSingleFlight } from "./single-flight";
import { countCache } from "./stats";

export type KeyPart = string | number | boolean | null | undefined;

export interface CachedOptions<T> {
  /** Invalidation scopes (src/platform/cache/scopes.ts) whose versions the key embeds; default: the namespace. */
  dependsOn?: readonly string[];
  /** Rebuilds what JSON loses (e.g. Dates) from a cached value. */
  revive?: (value: T) => T;
}

export interface CacheAside {
  /** Cache-aside read: a hit returns the stored value; a miss runs `load` once per process and stores its result. */
  cached<T>(
    namespace: string,
    keyParts: readonly KeyPart[],
    ttlSeconds: number,
    load: () => Promise<T>,
    options?: CachedOptions<T>,
  ): Promise<T>;
  /**
   * `cached` for a value stored as the text it is sent as (a whole JSON body): a hit is rebuilt by `codec.fromText`
   * with no JSON parse and no re-serialisation. `codec.toText` returning undefined keeps a value out of the cache.
   */
  cachedText<T>(
    namespace: string,
    keyParts: readonly KeyPart[],
    ttlSeconds: number,
    load: () => Promise<T>,
    options: { codec: TextCodec<T>; dependsOn?: readonly string[] },
  ): Promise<T>;
  /** Orphans every key that embeds one of these scopes; call after the write has committed. */
  invalidate(...scopes: string[]): Promise<void>;
}

export interface TextCodec<T> {
  toText(value: T): string | undefined;
  fromText(text: string): T;
}

/** The codec of a value that is its own text. */
export const plainText: TextCodec<string> = { toText: (text) => text, fromText: (text) => text };

const ERROR_LOG_INTERVAL_MS = 30_000;
const MAX_PLAIN_KEY = 200;

/** ±10 %, so entries written together do not all expire together. */
export const jitter = (ttlSeconds: number, random = Math.random) =>
  Math.max(1, Math.round(ttlSeconds * (0.9 + 0.2 * random())));

function encodeParts(parts: readonly KeyPart[]) {
  const plain = parts.map((p) => (p === undefined || p === null ? "" : encodeURIComponent(String(p)))).join(":");
  return plain.length <= MAX_PLAIN_KEY ? plain : createHash("sha1").update(plain).digest("base64url");
}

/**
 * Versioned-namespace cache-aside over a Cache. Any cache failure (Redis down) is logged at most once per interval
 * and the request is served by the loader, uncached. `enabled: false` makes every read a plain load (benchmarks).
 * Scope versions come from `versions` (default: read from the cache on every request).
 */
export function createCacheAside(
  cache: Cache,
  logger: Logger,
  options: { enabled?: boolean; local?: LocalTier; versions?: ScopeVersions } = {},
): CacheAside {
  const { local, versions = storedVersions(cache) } = options;
  const flight = createSingleFlight();
  let lastErrorLog = 0;

  const failed = (namespace: string, err: unknown) => {
    countCache(namespace, "errors");
    if (Date.now() - lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
    lastErrorLog = Date.now();
    logger.warn({ err, namespace }, "cache unavailable: serving uncached");
  };

  async function read<T>(
    namespace: string,
    keyParts: readonly KeyPart[],
    ttlSeconds: number,
    load: () => Promise<T>,
    dependsOn: readonly string[],
    codec: TextCodec<T>,
  ): Promise<T> {
    if (options.enabled === false) return load();
    let key: string;
    try {
      const current = await Promise.all(dependsOn.map((scope) => versions.current(scope)));
      key = `c:${namespace}:${current.join(".")}:${encodeParts(keyParts)}`;
    } catch (err) {
      failed(namespace, err);
      return load();
    }
    const near = local?.get(key);
    if (near !== undefined) {
      countCache(namespace, "hits");
      return codec.fromText(near);
    }
    return flight(key, async () => {
      const hit = await cache.get(key).catch((err) => {
        failed(namespace, err);
        return null;
      });
      if (hit !== null) {
        countCache(namespace, "hits");
        local?.set(key, hit, ttlSeconds);
        return codec.fromText(hit);
      }
      countCache(namespace, "misses");
      const value = await load();
      const text = value === undefined || value === null ? undefined : codec.toText(value);
      if (text !== undefined) {
        await cache.set(key, text, jitter(ttlSeconds)).catch((err) => failed(namespace, err));
        local?.set(key, text, ttlSeconds);
      }
      return value;
    });
  }

  return {
    cached(namespace, keyParts, ttlSeconds, load, { dependsOn = [namespace], revive } = {}) {
      return read(namespace, keyParts, ttlSeconds, load, dependsOn, {
        toText: JSON.stringify,
        fromText: (text) => (revive ? revive(JSON.parse(text)) : JSON.parse(text)),
      });
    },

    cachedText(namespace, keyParts, ttlSeconds, load, { codec, dependsOn = [namespace] }) {
      return read(namespace, keyParts, ttlSeconds, load, dependsOn, codec);
    },

    async invalidate(...scopes) {
      await Promise.all(scopes.map((scope) => versions.bump(scope).catch((err) => failed(scope, err))));
    },
  };
}

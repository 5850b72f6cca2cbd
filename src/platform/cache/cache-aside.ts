import { createHash } from "node:crypto";
import type { Logger } from "../logger";
import type { Cache } from "./cache";
import type { LocalTier } from "./local-tier";
import { createRefresher } from "./refresh-ahead";
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
   * `refreshAhead` (for values that are costly to build, e.g. search responses): the entry is kept twice its TTL,
   * and a hit past the TTL is still answered while a background load replaces it (refresh-ahead.ts), so entries
   * that expire together do not send every caller to the loader at once.
   */
  cachedText<T>(
    namespace: string,
    keyParts: readonly KeyPart[],
    ttlSeconds: number,
    load: () => Promise<T>,
    options: { codec: TextCodec<T>; dependsOn?: readonly string[]; refreshAhead?: boolean },
  ): Promise<T>;
  /**
   * Many entries of one namespace at once, one per id, each under its own scope (`scopeOf(id)`): hits come from the
   * local tier or the store, and every miss is loaded by one `loadMissing` call. Values are in the order of `ids`;
   * an id `loadMissing` leaves out is undefined and not stored.
   */
  cachedMany<T>(
    namespace: string,
    ids: readonly string[],
    ttlSeconds: number,
    loadMissing: (ids: string[]) => Promise<Map<string, T>>,
    options: { codec: TextCodec<T>; scopeOf: (id: string) => string },
  ): Promise<(T | undefined)[]>;
  /** Orphans every key that embeds one of these scopes; call after the write has committed. */
  invalidate(...scopes: string[]): Promise<void>;
  /**
   * Where scope versions are held in process memory (and the cache is on): a count that moves whenever one of them
   * may have changed, and the versions of some scopes as held now (undefined if one is not held). What the
   * response memo (src/http/response-memo.ts) checks a stored answer against.
   */
  heldVersions?: {
    changes(): number;
    of(scopes: readonly string[]): string[] | undefined;
  };
}

export interface TextCodec<T> {
  toText(value: T): string | undefined;
  fromText(text: string): T;
}

/** The codec of a value that is its own text. */
export const plainText: TextCodec<string> = { toText: (text) => text, fromText: (text) => text };

/** A JSON value, optionally revived after parsing (e.g. its Dates). */
export const jsonCodec = <T>(revive?: (value: T) => T): TextCodec<T> => ({
  toText: JSON.stringify,
  fromText: (text) => (revive ? revive(JSON.parse(text)) : JSON.parse(text)),
});

const ERROR_LOG_INTERVAL_MS = 30_000;
const MAX_PLAIN_KEY = 200;

/** ±10 %, so entries written together do not all expire together. */
export const jitter = (ttlSeconds: number, random = Math.random) =>
  Math.max(1, Math.round(ttlSeconds * (0.9 + 0.2 * random())));

const encodePart = (p: KeyPart) => (p === undefined || p === null ? "" : encodeURIComponent(String(p)));

function encodeParts(parts: readonly KeyPart[]) {
  const plain = parts.length === 1 ? encodePart(parts[0]) : parts.map(encodePart).join(":");
  return plain.length <= MAX_PLAIN_KEY ? plain : createHash("sha1").update(plain).digest("base64url");
}

/** `cached` and `cachedMany` name an entry alike, so a clip read alone and in a batch is one entry. */
const entryKey = (namespace: string, versions: readonly string[], keyParts: readonly KeyPart[]) =>
  `c:${namespace}:${versions.join(".")}:${encodeParts(keyParts)}`;

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
  const refresher = createRefresher((err) => logger.warn({ err }, "cache refresh failed"));
  let lastErrorLog = 0;

  /** The versions held in memory for all of these scopes, or undefined if one is not held. */
  const peekAll = (scopes: readonly string[]): string[] | undefined => {
    const known = scopes.map((scope) => versions.peek?.(scope));
    return known.includes(undefined) ? undefined : (known as string[]);
  };
  const versionsOf = (scopes: readonly string[]): string[] | Promise<string[]> =>
    peekAll(scopes) ?? Promise.all(scopes.map((scope) => versions.current(scope)));

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
    ahead = false,
  ): Promise<T> {
    if (options.enabled === false) return load();
    let key: string;
    try {
      key = entryKey(namespace, await versionsOf(dependsOn), keyParts);
    } catch (err) {
      failed(namespace, err);
      return load();
    }
    // With `ahead` a stored text is "<fresh until>|<text>": past that time it is still answered, and reloaded behind.
    const decode = (text: string) => {
      if (!ahead) return codec.fromText(text);
      const cut = text.indexOf("|");
      if (Number.parseInt(text.slice(0, cut), 36) <= Date.now()) {
        refresher(key, ttlSeconds, async () => store(namespace, key, await load(), ttlSeconds, codec, ahead));
      }
      return codec.fromText(text.slice(cut + 1));
    };
    const near = local?.get(key);
    if (near !== undefined) {
      countCache(namespace, "hits");
      return decode(near);
    }
    return flight(key, async () => {
      const hit = await stored(namespace, key);
      if (hit !== null) {
        countCache(namespace, "hits");
        local?.set(key, hit, ttlSeconds);
        return decode(hit);
      }
      countCache(namespace, "misses");
      const value = await load();
      await store(namespace, key, value, ttlSeconds, codec, ahead);
      return value;
    });
  }

  const stored = (namespace: string, key: string) =>
    cache.get(key).catch((err) => {
      failed(namespace, err);
      return null;
    });

  /** With `ahead`, the text is stored as "<fresh until, epoch ms base 36>|<text>", for twice the TTL. */
  async function store<T>(
    namespace: string,
    key: string,
    value: T,
    ttlSeconds: number,
    codec: TextCodec<T>,
    ahead = false,
  ) {
    const encoded = value === undefined || value === null ? undefined : codec.toText(value);
    if (encoded === undefined) return;
    const text = ahead ? `${(Date.now() + ttlSeconds * 1000).toString(36)}|${encoded}` : encoded;
    await cache.set(key, text, jitter(ahead ? 2 * ttlSeconds : ttlSeconds)).catch((err) => failed(namespace, err));
    local?.set(key, text, ttlSeconds);
  }

  async function readMany<T>(
    namespace: string,
    ids: readonly string[],
    ttlSeconds: number,
    loadMissing: (ids: string[]) => Promise<Map<string, T>>,
    { codec, scopeOf }: { codec: TextCodec<T>; scopeOf: (id: string) => string },
  ): Promise<(T | undefined)[]> {
    const loadAll = async () => {
      const loaded = await loadMissing([...ids]);
      return ids.map((id) => loaded.get(id));
    };
    if (options.enabled === false || ids.length === 0) return loadAll();
    let keys: string[];
    try {
      const current = await versionsOf(ids.map(scopeOf));
      keys = ids.map((id, i) => entryKey(namespace, [current[i]!], [id]));
    } catch (err) {
      failed(namespace, err);
      return loadAll();
    }
    const texts = keys.map((key) => local?.get(key));
    const far = texts.flatMap((text, i) => (text === undefined ? [i] : []));
    const found = await Promise.all(far.map((i) => stored(namespace, keys[i]!)));
    far.forEach((i, n) => {
      if (found[n] === null) return;
      texts[i] = found[n]!;
      local?.set(keys[i]!, found[n]!, ttlSeconds);
    });
    const values: (T | undefined)[] = texts.map((text) => (text === undefined ? undefined : codec.fromText(text)));
    const fresh = texts.flatMap((text, i) => (text === undefined ? [i] : []));
    countCache(namespace, "hits", ids.length - fresh.length);
    if (fresh.length === 0) return values;
    countCache(namespace, "misses", fresh.length);
    const missing = fresh.map((i) => ids[i]!);
    // Concurrent requests for one page miss the same ids: they share one load.
    const loaded = await flight(`${namespace}:${missing.join(",")}`, () => loadMissing(missing));
    await Promise.all(
      fresh.map((i) => {
        values[i] = loaded.get(ids[i]!);
        return store(namespace, keys[i]!, values[i], ttlSeconds, codec);
      }),
    );
    return values;
  }

  const heldVersions =
    options.enabled !== false && versions.peek && versions.changes
      ? { changes: versions.changes, of: peekAll }
      : undefined;

  return {
    heldVersions,

    cached(namespace, keyParts, ttlSeconds, load, { dependsOn = [namespace], revive } = {}) {
      return read(namespace, keyParts, ttlSeconds, load, dependsOn, jsonCodec(revive));
    },

    cachedText(namespace, keyParts, ttlSeconds, load, { codec, dependsOn = [namespace], refreshAhead }) {
      return read(namespace, keyParts, ttlSeconds, load, dependsOn, codec, refreshAhead);
    },

    cachedMany: readMany,

    async invalidate(...scopes) {
      await Promise.all(scopes.map((scope) => versions.bump(scope).catch((err) => failed(scope, err))));
    },
  };
}

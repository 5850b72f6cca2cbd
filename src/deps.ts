import type { Config } from "./config";
import { type Db, openPostgres } from "./db/client";
import { createReplicaSet, type ReplicaSet } from "./db/replicas";
import { createInfrastructure, type Infrastructure, type InfrastructureOverrides } from "./infrastructure";
import { createViewCounter, type ViewCounter } from "./modules/clips/view-counter";
import type { SearchEngine } from "./modules/search/engine";
import { createSearchEngine } from "./modules/search/opensearch-failover";
import { createSearchLog, type SearchLog } from "./modules/search/query-log";
import type { Cache } from "./platform/cache/cache";
import { type CacheAside, createCacheAside } from "./platform/cache/cache-aside";
import { createLocalTier } from "./platform/cache/local-tier";
import { createMemoryCache } from "./platform/cache/memory-cache";
import { createRedisCache } from "./platform/cache/redis-cache";
import { localVersions, subscribedVersions } from "./platform/cache/scope-versions";
import { createRateLimiter, type RateLimiter } from "./platform/rate-limit/limiter";
import { markRedisClosing } from "./platform/redis";
import { createTwitchClient, type TwitchClient } from "./platform/twitch/client";

/** The API's wiring: the shared infrastructure plus what only requests use (the worker builds none of it). */
export interface Deps extends Infrastructure {
  /** Latency-tolerant reads: a healthy replica when DATABASE_REPLICA_URLS has one, else the primary (replicas.ts). */
  readDb: Db;
  replicas: ReplicaSet;
  cache: Cache;
  /** Versioned cache-aside reads and their invalidation (src/platform/cache/scopes.ts). */
  caching: CacheAside;
  rateLimiter: RateLimiter;
  twitch: TwitchClient;
  search: SearchEngine;
  /** Batched writes of search analytics (search_queries). */
  searchLog: SearchLog;
  /** Detail views counted in memory; written by the background flush (src/background.ts). */
  views: ViewCounter;
  /** Process state that requests read: set draining on SIGTERM so readiness fails before the listener closes. */
  lifecycle: { draining: boolean };
}

export type DepsOverrides = InfrastructureOverrides;

/** ~16 MB of strings at most; 5 s bounds how much longer than its TTL a local copy can outlive the Redis entry. */
const LOCAL_TIER_CHARS = 8_000_000;
const LOCAL_TIER_TTL_MS = 5_000;

export async function createDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const infra = await createInfrastructure(config, overrides);
  const { logger, database, redis, opensearch } = infra;
  const cache = redis ? createRedisCache(redis, config.redis.keyPrefix) : createMemoryCache();
  const versions = !config.cacheEnabled
    ? undefined
    : redis
      ? subscribedVersions(redis, cache, { keyPrefix: config.redis.keyPrefix, logger })
      : localVersions();
  const { replicaUrls, poolSize, preparedStatements, replicaMaxLagMs, replicaCheckIntervalMs } = config.database;
  const replicas = createReplicaSet(
    database.db,
    replicaUrls.map((url) => openPostgres(url, poolSize, { preparedStatements })),
    { maxLagMs: replicaMaxLagMs, checkIntervalMs: replicaCheckIntervalMs },
    logger,
  );
  return {
    ...infra,
    readDb: replicas.readDb,
    replicas,
    cache,
    caching: createCacheAside(cache, logger, {
      enabled: config.cacheEnabled,
      // In front of Redis only: a memory store already is local.
      local: redis ? createLocalTier({ maxChars: LOCAL_TIER_CHARS, ttlMs: LOCAL_TIER_TTL_MS }) : undefined,
      versions,
    }),
    rateLimiter: createRateLimiter({ redis, keyPrefix: config.redis.keyPrefix, logger }),
    twitch: createTwitchClient(config.twitch, cache),
    search: createSearchEngine(replicas.readDb, logger, opensearch),
    searchLog: createSearchLog(database.db, logger),
    views: createViewCounter(database.db, logger),
    lifecycle: { draining: false },
    close: async () => {
      // Before the subscriber built on it disconnects: its "Connection is closed" is ours, not an outage.
      if (redis) markRedisClosing(redis);
      await versions?.close();
      await cache.close();
      await replicas.close();
      await infra.close();
    },
  };
}

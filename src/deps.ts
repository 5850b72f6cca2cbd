import type { Redis } from "ioredis";
import type { Config } from "./config";
import { type Database, type Db, openPostgres } from "./db/client";
import { connectDatabase } from "./db/connect";
import { createReplicaSet, type ReplicaSet } from "./db/replicas";
import { startAccountDeletions } from "./jobs/account-deletion";
import { startAnalyticsRollup } from "./jobs/analytics-rollup";
import { startOutboxRelay } from "./jobs/outbox-relay";
import { createProcessors } from "./jobs/processors";
import { startRetention } from "./jobs/retention";
import type { SearchEngine } from "./modules/search/engine";
import { createSearchEngine } from "./modules/search/opensearch-failover";
import { createSearchLog, type SearchLog } from "./modules/search/query-log";
import type { Cache } from "./platform/cache/cache";
import { type CacheAside, createCacheAside } from "./platform/cache/cache-aside";
import { createLocalTier } from "./platform/cache/local-tier";
import { createMemoryCache } from "./platform/cache/memory-cache";
import { createRedisCache } from "./platform/cache/redis-cache";
import { subscribedVersions } from "./platform/cache/scope-versions";
import { createEmbeddingProvider, type EmbeddingProvider } from "./platform/embeddings/provider";
import { createBullmqQueue } from "./platform/jobs/bullmq-queue";
import { createInProcessQueue } from "./platform/jobs/in-process-queue";
import type { JobQueue } from "./platform/jobs/jobs";
import { createLogger, type Logger } from "./platform/logger";
import { instrumentDatabaseQueries } from "./platform/metrics/db-queries";
import { bindMetricSources } from "./platform/metrics/registry";
import { createRateLimiter, type RateLimiter } from "./platform/rate-limit/limiter";
import { connectRedis, markRedisClosing } from "./platform/redis";
import { ensureIndices } from "./platform/search/opensearch-indices";
import { createOpenSearchHandle, type OpenSearchHandle } from "./platform/search/opensearch-setup";
import { createTwitchClient, type TwitchClient } from "./platform/twitch/client";

export interface Deps {
  config: Config;
  logger: Logger;
  database: Database;
  /** The primary: writes, and reads that must see the caller's own writes. */
  db: Db;
  /** Latency-tolerant reads: a healthy replica when DATABASE_REPLICA_URLS has one, else the primary (replicas.ts). */
  readDb: Db;
  replicas: ReplicaSet;
  redis: Redis | undefined;
  cache: Cache;
  /** Versioned cache-aside reads and their invalidation (src/platform/cache/scopes.ts). */
  caching: CacheAside;
  rateLimiter: RateLimiter;
  jobs: JobQueue;
  twitch: TwitchClient;
  search: SearchEngine;
  /** Set when OPENSEARCH_URL is: the client (indexing) and the breaker (failover, health). */
  opensearch: OpenSearchHandle | undefined;
  embeddings: EmbeddingProvider;
  /** Batched writes of search analytics (search_queries). */
  searchLog: SearchLog;
  /** Process state that requests read: set draining on SIGTERM so readiness fails before the listener closes. */
  lifecycle: { draining: boolean };
  /** Registers work to finish before connections close (e.g. flushing buffered counters); runs in order. */
  onClose(hook: () => Promise<void>): void;
  close(): Promise<void>;
}

export interface DepsOverrides {
  logger?: Logger;
  database?: Database;
}

/** ~16 MB of strings at most; 5 s bounds how much longer than its TTL a local copy can outlive the Redis entry. */
const LOCAL_TIER_CHARS = 8_000_000;
const LOCAL_TIER_TTL_MS = 5_000;

export async function createDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  instrumentDatabaseQueries();
  const logger = overrides.logger ?? createLogger(config);
  const database = overrides.database ?? (await connectDatabase(config, logger));
  const redis = config.redis.url ? await connectRedis(config.redis.url, "api", logger) : undefined;
  const cache = redis ? createRedisCache(redis, config.redis.keyPrefix) : createMemoryCache();
  // BullMQ needs a worker process, and a worker needs a database it can share: the embedded one is single-process.
  const inProcess = redis && database.kind === "postgres" ? undefined : createInProcessQueue(logger);
  const jobs = inProcess ?? createBullmqQueue(redis!);
  const closeHooks: (() => Promise<void>)[] = [];
  const versions =
    redis && config.cacheEnabled
      ? subscribedVersions(redis, cache, { keyPrefix: config.redis.keyPrefix, logger })
      : undefined;
  if (versions) closeHooks.push(() => versions.close());
  const opensearch = createOpenSearchHandle(config);
  const { replicaUrls, poolSize, preparedStatements, replicaMaxLagMs, replicaCheckIntervalMs } = config.database;
  const replicas = createReplicaSet(
    database.db,
    replicaUrls.map((url) => openPostgres(url, poolSize, { preparedStatements })),
    { maxLagMs: replicaMaxLagMs, checkIntervalMs: replicaCheckIntervalMs },
    logger,
  );

  const deps: Deps = {
    config,
    logger,
    database,
    db: database.db,
    readDb: replicas.readDb,
    replicas,
    redis,
    cache,
    caching: createCacheAside(cache, logger, {
      enabled: config.cacheEnabled,
      // In front of Redis only: a memory store already is local.
      local: redis ? createLocalTier({ maxChars: LOCAL_TIER_CHARS, ttlMs: LOCAL_TIER_TTL_MS }) : undefined,
      versions,
    }),
    rateLimiter: createRateLimiter({ redis, keyPrefix: config.redis.keyPrefix, logger }),
    jobs,
    twitch: createTwitchClient(config.twitch, cache),
    search: createSearchEngine(replicas.readDb, logger, opensearch),
    opensearch,
    embeddings: createEmbeddingProvider(config.embeddings),
    searchLog: createSearchLog(database.db, logger),
    lifecycle: { draining: false },
    onClose: (hook) => {
      closeHooks.push(hook);
    },
    close: async () => {
      if (redis) markRedisClosing(redis);
      for (const hook of closeHooks.splice(0)) {
        await hook().catch((err) => logger.error({ err }, "close hook failed"));
      }
      await jobs.close();
      await cache.close();
      redis?.disconnect();
      await opensearch?.client.close();
      await replicas.close();
      await database.close();
    },
  };
  deps.onClose(deps.searchLog.flush);
  inProcess?.setProcessors(createProcessors(deps));
  const unbindMetrics = bindMetricSources({ jobs });
  deps.onClose(async () => unbindMetrics());
  // Without a worker process the API relays the outbox itself; with BullMQ the worker does (workers/main.ts).
  if (inProcess && opensearch) {
    await ensureIndices(opensearch.client).catch((err) => logger.warn({ err }, "opensearch indices not ready"));
  }
  if (inProcess && config.outbox.pollIntervalMs > 0) {
    const relay = startOutboxRelay({ db: database.db, jobs, logger, ...config.outbox });
    deps.onClose(() => relay.stop());
  }
  // Likewise the retention and account deletion jobs.
  if (inProcess) {
    const retention = startRetention({ db: database.db, logger, ...config.retention });
    deps.onClose(() => retention.stop());
    const deletions = startAccountDeletions({ db: database.db, logger, intervalMs: config.accountDeletion.intervalMs });
    deps.onClose(() => deletions.stop());
    const analytics = startAnalyticsRollup({ db: database.db, logger, intervalMs: config.analytics.intervalMs });
    deps.onClose(() => analytics.stop());
  }
  return deps;
}

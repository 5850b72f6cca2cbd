import type { Redis } from "ioredis";
import type { Config } from "./config";
import type { Database, Db } from "./db/client";
import { connectDatabase } from "./db/connect";
import type { Cache } from "./platform/cache/cache";
import { createMemoryCache } from "./platform/cache/memory-cache";
import { createRedisCache } from "./platform/cache/redis-cache";
import { createBullmqQueue } from "./platform/jobs/bullmq-queue";
import { createInProcessQueue } from "./platform/jobs/in-process-queue";
import type { JobQueue } from "./platform/jobs/jobs";
import { createLogger, type Logger } from "./platform/logger";
import { connectRedis } from "./platform/redis";

export interface Deps {
  config: Config;
  logger: Logger;
  database: Database;
  db: Db;
  redis: Redis | undefined;
  cache: Cache;
  jobs: JobQueue;
  close(): Promise<void>;
}

export interface DepsOverrides {
  logger?: Logger;
  database?: Database;
}

export async function createDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const logger = overrides.logger ?? createLogger(config);
  const database = overrides.database ?? (await connectDatabase(config, logger));
  const redis = config.redis.url ? await connectRedis(config.redis.url, "api") : undefined;
  const cache = redis ? createRedisCache(redis, config.redis.keyPrefix) : createMemoryCache();
  const jobs = redis ? createBullmqQueue(redis) : createInProcessQueue(logger);

  return {
    config,
    logger,
    database,
    db: database.db,
    redis,
    cache,
    jobs,
    close: async () => {
      await jobs.close();
      await cache.close();
      redis?.disconnect();
      await database.close();
    },
  };
}

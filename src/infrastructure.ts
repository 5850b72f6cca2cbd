import type { Redis } from "ioredis";
import type { Config } from "./config";
import type { Database, Db } from "./db/client";
import { connectDatabase } from "./db/connect";
import { createProcessors } from "./jobs/processors";
import { createEmbeddingProvider, type EmbeddingProvider } from "./platform/embeddings/provider";
import { createBullmqQueue } from "./platform/jobs/bullmq-queue";
import { createInProcessQueue } from "./platform/jobs/in-process-queue";
import type { JobQueue } from "./platform/jobs/jobs";
import { createLogger, type Logger } from "./platform/logger";
import { instrumentDatabaseQueries } from "./platform/metrics/db-queries";
import { bindMetricSources } from "./platform/metrics/registry";
import { connectRedis, markRedisClosing } from "./platform/redis";
import { createOpenSearchHandle, type OpenSearchHandle } from "./platform/search/opensearch-setup";

/** What the API and the worker process both build: connections, the job queue and what the job processors use. */
export interface Infrastructure {
  config: Config;
  logger: Logger;
  database: Database;
  /** The primary: writes, and reads that must see the caller's own writes. */
  db: Db;
  redis: Redis | undefined;
  jobs: JobQueue;
  /** Set when OPENSEARCH_URL is: the client (indexing) and the breaker (failover, health). */
  opensearch: OpenSearchHandle | undefined;
  embeddings: EmbeddingProvider;
  /** Closes the connections; background work (src/background.ts) is stopped before this. */
  close(): Promise<void>;
}

export interface InfrastructureOverrides {
  logger?: Logger;
  database?: Database;
}

export async function createInfrastructure(
  config: Config,
  overrides: InfrastructureOverrides = {},
): Promise<Infrastructure> {
  instrumentDatabaseQueries();
  const logger = overrides.logger ?? createLogger(config);
  const database = overrides.database ?? (await connectDatabase(config, logger));
  const redis = config.redis.url ? await connectRedis(config.redis.url, "api", logger) : undefined;
  // BullMQ needs a worker process, and a worker needs a database it can share: the embedded one is single-process.
  const inProcess = redis && database.kind === "postgres" ? undefined : createInProcessQueue(logger);
  const jobs = inProcess ?? createBullmqQueue(redis!);
  const opensearch = createOpenSearchHandle(config);
  const unbindMetrics = bindMetricSources({ jobs });
  const infra: Infrastructure = {
    config,
    logger,
    database,
    db: database.db,
    redis,
    jobs,
    opensearch,
    embeddings: createEmbeddingProvider(config.embeddings),
    close: async () => {
      if (redis) markRedisClosing(redis);
      unbindMetrics();
      await jobs.close();
      redis?.disconnect();
      await opensearch?.client.close();
      await database.close();
    },
  };
  inProcess?.setProcessors(createProcessors(infra));
  return infra;
}

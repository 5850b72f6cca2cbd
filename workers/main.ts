import type { Worker } from "bullmq";
import { Hono } from "hono";
import { ConfigError, loadConfig } from "../src/config";
import { createDeps } from "../src/deps";
import { startAccountDeletions } from "../src/jobs/account-deletion";
import { startAnalyticsRollup } from "../src/jobs/analytics-rollup";
import { enqueueStaleEmbeddings } from "../src/jobs/embed-clip";
import { startOutboxRelay } from "../src/jobs/outbox-relay";
import { createProcessors } from "../src/jobs/processors";
import { startRetention } from "../src/jobs/retention";
import { createMetricsServerApp } from "../src/modules/metrics/routes";
import { clipVectorModel } from "../src/platform/embeddings/clip-vectors";
import { QUEUE_NAMES } from "../src/platform/jobs/jobs";
import { installProcessGuard } from "../src/platform/process-guard";
import { connectRedis, markRedisClosing } from "../src/platform/redis";
import { ensureIndices } from "../src/platform/search/opensearch-indices";
import { startTracing } from "../src/platform/tracing/tracing";
import { closeWorkers, startWorkers } from "./start-workers";

async function main() {
  const config = loadConfig();
  if (!config.redis.url) {
    console.error("REDIS_URL is not set: without Redis, jobs run in-process inside the API (the embedded default).");
    process.exit(2);
  }
  // The embedded PGlite files belong to the API process; a second process opening them would corrupt them.
  if (!config.database.url) {
    console.error("DATABASE_URL is not set: the worker needs PostgreSQL; the embedded database is the API's alone.");
    process.exit(2);
  }
  const stopTracing = await startTracing({ ...config.tracing, serviceName: `${config.tracing.serviceName}-worker` });
  const deps = await createDeps(config);
  installProcessGuard(deps.logger, () => process.exit(1));
  if (deps.opensearch) {
    // Jobs retry until the node is back, so an unreachable OpenSearch must not stop the worker.
    await ensureIndices(deps.opensearch.client).catch((err) =>
      deps.logger.warn({ err }, "opensearch indices not ready"),
    );
  }
  const connection = await connectRedis(config.redis.url, "worker", deps.logger);
  const workers: Worker[] = startWorkers({
    connection,
    processors: createProcessors(deps),
    logger: deps.logger,
    concurrency: {
      "search-index": config.worker.concurrency,
      embed: config.worker.embedConcurrency,
      notifications: config.worker.concurrency,
    },
  });

  if (config.outbox.pollIntervalMs > 0) {
    const relay = startOutboxRelay({ db: deps.db, jobs: deps.jobs, logger: deps.logger, ...config.outbox });
    deps.onClose(() => relay.stop());
  }
  const retention = startRetention({ db: deps.db, logger: deps.logger, ...config.retention });
  deps.onClose(() => retention.stop());
  const deletions = startAccountDeletions({
    db: deps.db,
    logger: deps.logger,
    intervalMs: config.accountDeletion.intervalMs,
  });
  deps.onClose(() => deletions.stop());
  const analytics = startAnalyticsRollup({ db: deps.db, logger: deps.logger, intervalMs: config.analytics.intervalMs });
  deps.onClose(() => analytics.stop());

  const health = new Hono().get("/health", async (c) => {
    const running = workers.every((w) => w.isRunning());
    return c.json({ status: running ? "ok" : "stopping", queues: QUEUE_NAMES }, running ? 200 : 503);
  });
  // The health port is private (no http_service in fly.toml), so /metrics is served there as on METRICS_PORT.
  health.route("/", createMetricsServerApp(deps));
  const server = Bun.serve({ hostname: config.http.host, port: config.worker.healthPort, fetch: health.fetch });
  deps.logger.info(
    {
      queues: QUEUE_NAMES,
      concurrency: config.worker.concurrency,
      embedConcurrency: config.worker.embedConcurrency,
      retention: { intervalMs: config.retention.intervalMs, days: config.retention.days },
      healthPort: server.port,
    },
    "worker started",
  );
  // Warms the embedding model and re-queues clips embedded by another model (or not at all), off the start-up path.
  void enqueueStaleEmbeddings(deps).then(
    (queued) => deps.logger.info({ queued, model: clipVectorModel(deps.embeddings) }, "stale embeddings queued"),
    (err) => deps.logger.error({ err }, "stale embedding check failed"),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, "worker shutting down");
    const force = setTimeout(() => {
      deps.logger.error({ timeoutMs: config.http.shutdownTimeoutMs }, "shutdown timed out");
      process.exit(1);
    }, config.http.shutdownTimeoutMs);
    markRedisClosing(connection);
    await closeWorkers(workers);
    connection.disconnect();
    await server.stop(true);
    await deps.close();
    await stopTracing?.();
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `Worker startup failed: ${(err as Error).message}`);
  process.exit(1);
});

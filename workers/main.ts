import type { Worker } from "bullmq";
import { Hono } from "hono";
import { startBackground } from "../src/background";
import { ConfigError, loadConfig } from "../src/config";
import { createInfrastructure } from "../src/infrastructure";
import { createProcessors } from "../src/jobs/processors";
import { createMetricsServerApp } from "../src/modules/metrics/routes";
import { QUEUE_NAMES } from "../src/platform/jobs/jobs";
import { installProcessGuard } from "../src/platform/process-guard";
import { connectRedis, markRedisClosing } from "../src/platform/redis";
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
  // The shared infrastructure only: no cache, rate limiter, Twitch client, search engine or replica checks.
  const infra = await createInfrastructure(config);
  installProcessGuard(infra.logger, () => process.exit(1));
  // Before the workers: index jobs need the indices (index setup), and the relay feeds the queues they consume.
  const background = await startBackground({ role: "worker", deps: infra });
  const connection = await connectRedis(config.redis.url, "worker", infra.logger);
  const workers: Worker[] = startWorkers({
    connection,
    processors: createProcessors(infra),
    logger: infra.logger,
    concurrency: {
      "search-index": config.worker.concurrency,
      embed: config.worker.embedConcurrency,
      notifications: config.worker.concurrency,
    },
  });

  const health = new Hono().get("/health", async (c) => {
    const running = workers.every((w) => w.isRunning());
    return c.json({ status: running ? "ok" : "stopping", queues: QUEUE_NAMES }, running ? 200 : 503);
  });
  // The health port is private (no http_service in fly.toml), so /metrics is served there as on METRICS_PORT.
  health.route("/", createMetricsServerApp(infra));
  const server = Bun.serve({ hostname: config.http.host, port: config.worker.healthPort, fetch: health.fetch });
  infra.logger.info(
    {
      queues: QUEUE_NAMES,
      concurrency: config.worker.concurrency,
      embedConcurrency: config.worker.embedConcurrency,
      retention: { intervalMs: config.retention.intervalMs, days: config.retention.days },
      background: background.tasks,
      healthPort: server.port,
    },
    "worker started",
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    infra.logger.info({ signal }, "worker shutting down");
    const force = setTimeout(() => {
      infra.logger.error({ timeoutMs: config.http.shutdownTimeoutMs }, "shutdown timed out");
      process.exit(1);
    }, config.http.shutdownTimeoutMs);
    markRedisClosing(connection);
    await closeWorkers(workers);
    connection.disconnect();
    await server.stop(true);
    await background.stop();
    await infra.close();
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

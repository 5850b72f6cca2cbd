import { createApp } from "./app";
import { startBackground } from "./background";
import { ConfigError, loadConfig } from "./config";
import { createDeps } from "./deps";
import { createMetricsServerApp } from "./modules/metrics/routes";
import { installProcessGuard } from "./platform/process-guard";
import { startTracing } from "./platform/tracing/tracing";
import { seedDemoIfEmpty } from "./seed/demo";

async function main() {
  const started = performance.now();
  const config = loadConfig();
  // Before the deps, so start-up queries are traced too; a no-op without OTEL_EXPORTER_OTLP_ENDPOINT.
  const stopTracing = await startTracing(config.tracing);
  const deps = await createDeps(config);
  installProcessGuard(deps.logger, () => process.exit(1));
  if (config.auth.jwtSecretGenerated) deps.logger.warn("JWT_SECRET not set: using a random secret for this process");
  const background = await startBackground({ role: "api", deps });
  if (config.database.demoData) await seedDemoIfEmpty(deps);

  const server = Bun.serve({
    hostname: config.http.host,
    port: config.http.port,
    idleTimeout: config.http.idleTimeoutSeconds,
    fetch: createApp(deps).fetch,
  });
  const metricsServer = config.metrics.port
    ? Bun.serve({ hostname: config.http.host, port: config.metrics.port, fetch: createMetricsServerApp(deps).fetch })
    : undefined;
  deps.logger.info(
    {
      url: `http://${config.http.host}:${server.port}/api/v1`,
      database: deps.database.kind,
      metricsPort: metricsServer?.port,
      tracing: !!stopTracing,
      background: background.tasks,
      startupMs: Math.round(performance.now() - started),
    },
    "listening",
  );

  let stopping = false;
  // First signal: readiness fails for SHUTDOWN_DRAIN_MS while the listener still serves, then the listener closes,
  // in-flight requests finish, the background work stops (buffers flushed), connections close, exit 0.
  // A second signal, or SHUTDOWN_TIMEOUT_MS passing first, exits 1 at once.
  const shutdown = async (signal: string) => {
    if (stopping) {
      deps.logger.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    const { shutdownTimeoutMs: timeoutMs, shutdownDrainMs: drainMs } = config.http;
    const force = setTimeout(() => {
      deps.logger.error({ timeoutMs, inFlight: server.pendingRequests }, "shutdown timed out");
      process.exit(1);
    }, timeoutMs);
    deps.lifecycle.draining = true;
    deps.logger.info({ signal, drainMs }, "draining");
    await Bun.sleep(drainMs);
    // The listeners close now; the promise settles once the in-flight requests have been answered.
    const inFlight = server.pendingRequests;
    const closing = Promise.all([server.stop(false), metricsServer?.stop(true)]);
    deps.logger.info({ signal, timeoutMs, inFlight }, "shutting down");
    try {
      await closing;
      await background.stop();
      await deps.close();
      await stopTracing?.();
    } catch (err) {
      deps.logger.error({ err }, "shutdown failed");
      process.exit(1);
    }
    clearTimeout(force);
    deps.logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `Startup failed: ${(err as Error).message}`);
  process.exit(1);
});

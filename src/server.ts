import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { createDeps } from "./deps";
import { seedDemoIfEmpty } from "./seed/demo";

async function main() {
  const started = performance.now();
  const config = loadConfig();
  const deps = await createDeps(config);
  if (config.auth.jwtSecretGenerated) deps.logger.warn("JWT_SECRET not set: using a random secret for this process");
  if (config.database.demoData) await seedDemoIfEmpty(deps);

  const server = Bun.serve({ hostname: config.http.host, port: config.http.port, fetch: createApp(deps).fetch });
  deps.logger.info(
    {
      url: `http://${config.http.host}:${server.port}/api/v1`,
      database: deps.database.kind,
      startupMs: Math.round(performance.now() - started),
    },
    "listening",
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), config.http.shutdownTimeoutMs);
    await server.stop(false);
    await deps.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `Startup failed: ${(err as Error).message}`);
  process.exit(1);
});

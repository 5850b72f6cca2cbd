import { randomBytes } from "node:crypto";
import { z } from "zod";

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

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),

  DATABASE_URL: url.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(25),
  DATABASE_STARTUP_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  DATA_DIR: z.string().min(1).default("./data"),
  DEMO_DATA: bool.default(true),

  REDIS_URL: url.optional(),
  REDIS_KEY_PREFIX: z.string().max(50).default("clipper:"),
  OPENSEARCH_URL: url.optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(4),
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(8081),

  CORS_ALLOWED_ORIGINS: csv.default(["http://localhost:5173", "http://localhost:3000"]),
  FRONTEND_URL: url.optional(),

  JWT_SECRET: z.string().min(32, "must be at least 32 bytes").optional(),
  ENABLE_TEST_LOGIN: bool.optional(),

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
});

export type Env = z.input<typeof EnvSchema>;

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
  if (problems.length) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    production,
    http: {
      host: e.HOST,
      port: e.PORT,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      corsOrigins: e.CORS_ALLOWED_ORIGINS,
      frontendUrl: e.FRONTEND_URL ?? e.CORS_ALLOWED_ORIGINS[0] ?? "http://localhost:5173",
    },
    log: { level: e.LOG_LEVEL },
    database: {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      startupTimeoutMs: e.DATABASE_STARTUP_TIMEOUT_MS,
      dataDir: e.DATA_DIR,
      demoData: e.DEMO_DATA && !e.DATABASE_URL,
    },
    redis: { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
    opensearch: { url: e.OPENSEARCH_URL },
    worker: { concurrency: e.WORKER_CONCURRENCY, healthPort: e.WORKER_HEALTH_PORT },
    auth: {
      // A random per-process secret keeps the zero-config start working; sessions then end with the process.
      jwtSecret: e.JWT_SECRET ?? randomBytes(32).toString("hex"),
      jwtSecretGenerated: !e.JWT_SECRET,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 604_800,
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
  };
}

export type Config = ReturnType<typeof loadConfig>;

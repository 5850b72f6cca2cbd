import { createApp } from "../../src/app";
import { type Background, startBackground } from "../../src/background";
import { loadConfig } from "../../src/config";
import { createDeps, type Deps } from "../../src/deps";
import { createLogger } from "../../src/platform/logger";
import { createTestDatabase } from "./database";
import { checkResponses } from "./response-check";

export const TEST_JWT_SECRET = "test-secret-that-is-at-least-32-bytes-long!!";

export interface TestContext {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  /** The API's timers and pollers, as src/server.ts starts them; `flush()` writes buffered view counts at once. */
  background: Background;
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** A full app over its own database copy (and real Redis when TEST_REDIS_URL is set, under a unique key prefix). */
export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: "./.tmp/test-data",
    DEMO_DATA: "false",
    REDIS_URL: process.env.TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `test:${crypto.randomUUID().slice(0, 8)}:`,
    ...env,
  });
  const database = await createTestDatabase();
  const deps = await createDeps(config, { database, logger: createLogger(config) });
  // Every response of the suite is checked against what /api/v1/openapi.json documents of it.
  return contextFor(deps, checkResponses(createApp(deps)));
}

/** A context over deps the caller built (its own config or logger), with the background work src/server.ts starts. */
export async function contextFor(deps: Deps, app = createApp(deps)): Promise<TestContext> {
  const background = await startBackground({ role: "api", deps });
  return {
    app,
    deps,
    background,
    request: async (path, init) => app.request(path, init),
    close: async () => {
      await background.stop();
      await deps.close();
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: tests assert on arbitrary response shapes
export const json = (res: Response): Promise<any> => res.json();

import { randomUUID } from "node:crypto";
import { createTestContext, type TestContext } from "../support/app";
import { openSearchTestUrl } from "../support/opensearch";

/** A real OpenSearch node (scripts/opensearch/start.sh), when the run provides one. */
export const opensearchUrl = openSearchTestUrl();

/** Index names of their own, so test files never see each other's documents. */
export const testIndexPrefix = () => `test_${randomUUID().slice(0, 8)}_`;

/** Polls `check` until it stops throwing (the pipeline is asynchronous), failing with its last error. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await Bun.sleep(100);
    }
  }
}

/** A port nothing listens on: bind one, then let it go. */
export async function closedPort(): Promise<number> {
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("") });
  const port = server.port!;
  await server.stop(true);
  return port;
}

export function contextWithOpenSearch(url: string, env: Record<string, string> = {}): Promise<TestContext> {
  return createTestContext({ OPENSEARCH_URL: url, OPENSEARCH_INDEX_PREFIX: testIndexPrefix(), ...env });
}

import type { Config } from "../../config";
import type { Db } from "../../db/client";
import type { Logger } from "../logger";
import { timedSearchEngine } from "../metrics/timed";
import type { SearchEngine } from "./engine";
import { CircuitBreaker } from "./opensearch-breaker";
import { createOsClient, type OsClient } from "./opensearch-client";
import { createOpenSearchEngine } from "./opensearch-engine";
import { createFailoverSearchEngine } from "./opensearch-failover";
import { createPostgresSearchEngine } from "./postgres-engine";

/** One per process: the client (indexing, scripts, health) and the breaker that the request path and health share. */
export interface OpenSearchHandle {
  client: OsClient;
  breaker: CircuitBreaker;
}

export function createOpenSearchHandle(config: Config): OpenSearchHandle | undefined {
  const { url } = config.opensearch;
  if (!url) return undefined;
  return {
    client: createOsClient({ ...config.opensearch, url }),
    breaker: new CircuitBreaker({
      failureThreshold: config.opensearch.breakerFailures,
      cooldownMs: config.opensearch.breakerCooldownMs,
    }),
  };
}

/** The keyword engine: OpenSearch with per-request Postgres failover when configured, else Postgres FTS alone. */
export function createKeywordSearchEngine(db: Db, logger: Logger, opensearch?: OpenSearchHandle): SearchEngine {
  const postgres = timedSearchEngine(createPostgresSearchEngine(db), "postgres");
  if (!opensearch) return postgres;
  const primary = timedSearchEngine(createOpenSearchEngine(opensearch.client), "opensearch");
  return createFailoverSearchEngine(primary, postgres, opensearch.breaker, logger);
}

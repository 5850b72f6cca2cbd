import type { Config } from "../../config";
import { CircuitBreaker } from "./opensearch-breaker";
import { createOsClient, type OsClient } from "./opensearch-client";

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

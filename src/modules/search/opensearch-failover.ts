import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "../../db/client";
import type { Logger } from "../../platform/logger";
import { timedSearchEngine } from "../../platform/metrics/timed";
import type { CircuitBreaker } from "../../platform/search/opensearch-breaker";
import { failureKind } from "../../platform/search/opensearch-client";
import type { OpenSearchHandle } from "../../platform/search/opensearch-setup";
import type { SearchEngine } from "./engine";
import { createOpenSearchEngine, type OpenSearchEngine } from "./opensearch-engine";
import { createPostgresSearchEngine } from "./postgres-engine";

export type FailoverReason = "timeout" | "error" | "circuit-open";

const tracking = new AsyncLocalStorage<{ reason?: FailoverReason }>();

/**
 * Runs `fn` and reports whether any search inside it was answered by Postgres instead of OpenSearch
 * (the first reason wins), so the route can say so in headers.
 */
export async function withFailoverTracking<T>(fn: () => Promise<T>): Promise<{ result: T; failover?: FailoverReason }> {
  const note: { reason?: FailoverReason } = {};
  const result = await tracking.run(note, fn);
  return { result, failover: note.reason };
}

export function failoverHeaders(reason: FailoverReason): Record<string, string> {
  return {
    "X-Search-Failover": "true",
    "X-Search-Failover-Reason": reason,
    "X-Search-Failover-Service": "opensearch",
  };
}

/**
 * OpenSearch first, Postgres FTS per request when it errors, is slow or the circuit is open: a search outage
 * degrades relevance, never availability (no 503, unlike the original; anchor §10.3).
 */
export function createFailoverSearchEngine(
  primary: OpenSearchEngine,
  fallback: SearchEngine,
  breaker: CircuitBreaker,
  logger: Logger,
): SearchEngine {
  const failedOver = (reason: FailoverReason) => {
    const note = tracking.getStore();
    if (note && !note.reason) note.reason = reason;
  };

  async function guarded<T>(op: string, call: () => Promise<T>, fallbackCall: () => Promise<T>): Promise<T> {
    if (!breaker.allow()) {
      failedOver("circuit-open");
      return fallbackCall();
    }
    try {
      const result = await call();
      breaker.success();
      return result;
    } catch (err) {
      const kind = failureKind(err);
      breaker.failure(kind);
      logger.warn({ err, op, kind, circuit: breaker.state }, "opensearch failed; answering from postgres");
      failedOver(kind);
      return fallbackCall();
    }
  }

  return {
    kind: "opensearch",
    searchClips: (p) =>
      guarded(
        "clips",
        () => primary.searchClips(p),
        () => fallback.searchClips(p),
      ),
    searchCreators: (p) =>
      guarded(
        "creators",
        () => primary.searchCreators(p),
        () => fallback.searchCreators(p),
      ),
    searchGames: (p) =>
      guarded(
        "games",
        () => primary.searchGames(p),
        () => fallback.searchGames(p),
      ),
    searchTags: (p) =>
      guarded(
        "tags",
        () => primary.searchTags(p),
        () => fallback.searchTags(p),
      ),
    searchClipsByVector: (p) => fallback.searchClipsByVector(p),
    suggest: (q, limit) => fallback.suggest(q, limit),
  };
}

/** OpenSearch with per-request Postgres failover when configured, else Postgres alone; the vector leg on pgvector. */
export function createSearchEngine(db: Db, logger: Logger, opensearch?: OpenSearchHandle): SearchEngine {
  const engine = createPostgresSearchEngine(db);
  // Not timed as a Postgres request: with OpenSearch healthy, every hybrid search would add a postgres sample.
  const postgres = { ...timedSearchEngine(engine, "postgres"), searchClipsByVector: engine.searchClipsByVector };
  if (!opensearch) return postgres;
  const primary = timedSearchEngine(createOpenSearchEngine(opensearch.client), "opensearch");
  return createFailoverSearchEngine(primary, postgres, opensearch.breaker, logger);
}

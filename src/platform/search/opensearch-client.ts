import { Client } from "@opensearch-project/opensearch";
import type { Config } from "../../config";
import { withSpan } from "../tracing/tracing";

export type OpenSearchConfig = Config["opensearch"] & { url: string };

export interface OsRequest {
  method: "GET" | "HEAD" | "POST" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
  /** NDJSON lines for `_bulk`. */
  bulk?: unknown[];
  querystring?: Record<string, string | number | boolean>;
  /** Overrides the request timeout (bulk loads and reindexing take longer than a search). */
  timeoutMs?: number;
  /** Statuses that resolve instead of throwing (e.g. 404 for "missing"). */
  ignore?: number[];
}

export interface OsResponse<T> {
  statusCode: number;
  body: T;
}

/** The thin port every OpenSearch caller uses: plain JSON in, plain JSON out, one place for timeouts and retries. */
export interface OsClient {
  readonly config: OpenSearchConfig;
  request<T = unknown>(req: OsRequest): Promise<OsResponse<T>>;
  close(): Promise<void>;
}

export function createOsClient(config: OpenSearchConfig): OsClient {
  // One node: no retries, a failed request is answered by Postgres at once instead of waiting out a second timeout.
  // A cluster: a failed node is marked dead and the request goes to the next one, up to once per other node.
  const maxRetries = config.nodes.length - 1;
  const client = new Client({ node: config.nodes, requestTimeout: config.timeoutMs, maxRetries });
  return {
    config,
    request: <T>(req: OsRequest) =>
      withSpan(`opensearch ${req.method}`, { "db.system.name": "opensearch", "url.path": req.path }, async () => {
        const res = await client.transport.request(
          {
            method: req.method,
            path: req.path,
            body: req.body as Record<string, unknown> | undefined,
            bulkBody: req.bulk as Record<string, unknown>[] | undefined,
            querystring: req.querystring,
          },
          { requestTimeout: req.timeoutMs, ignore: req.ignore, maxRetries },
        );
        return { statusCode: res.statusCode ?? 0, body: res.body as T };
      }),
    close: () => client.close(),
  };
}

/** `timeout` when the node was too slow, `error` for anything else (refused connection, 5xx, bad response). */
export function failureKind(err: unknown): "timeout" | "error" {
  const name = (err as { name?: string } | null)?.name;
  return name === "TimeoutError" || name === "RequestAbortedError" ? "timeout" : "error";
}

/** Path segments are ids and index names from our own code, but encode them anyway. */
export const seg = (value: string) => encodeURIComponent(value);

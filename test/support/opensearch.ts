import { randomUUID } from "node:crypto";

/**
 * The real OpenSearch node tests may use: TEST_OPENSEARCH_URL (`bash scripts/opensearch/start.sh` prints it; .ci/run
 * sets it for the real-services run), or undefined when unset. A set but malformed value throws, so a broken CI
 * setting fails loudly instead of silently skipping the suites that depend on it.
 */
export function openSearchTestUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  const raw = env.TEST_OPENSEARCH_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`TEST_OPENSEARCH_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`TEST_OPENSEARCH_URL must be http(s): ${raw}`);
  }
  return url.toString().replace(/\/+$/, "");
}

/** Index names are global on a shared node, so every test file makes its own. */
export function uniqueIndexName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export interface OpenSearchResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: raw OpenSearch JSON, asserted field by field in tests
  body: any;
}

/** One raw REST call; an array body is sent as NDJSON (for `_bulk`). */
export async function openSearchRequest(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<OpenSearchResponse> {
  const ndjson = Array.isArray(body);
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": ndjson ? "application/x-ndjson" : "application/json" },
    body:
      body === undefined
        ? undefined
        : ndjson
          ? `${body.map((line) => JSON.stringify(line)).join("\n")}\n`
          : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

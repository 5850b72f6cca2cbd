import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { createMiddleware } from "hono/factory";
import { parseAccept } from "hono/utils/accept";
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from "hono/utils/compress";
import type { AppEnv } from "../env";

type Encoding = "br" | "gzip";
const ENCODINGS: Encoding[] = ["br", "gzip"];
/** Below about one packet, compressing saves nothing worth the CPU. */
const DEFAULT_THRESHOLD_BYTES = 1024;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;

/** The encoding the client weighs highest (q > 0), brotli before gzip on a tie; undefined for identity. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepts = parseAccept(acceptEncoding);
  const wildcard = accepts.find((a) => a.type === "*")?.q ?? 0;
  let best: { encoding: Encoding; q: number } | undefined;
  for (const encoding of ENCODINGS) {
    const q = accepts.find((a) => a.type.toLowerCase() === encoding)?.q ?? wildcard;
    if (q > 0 && (!best || q > best.q)) best = { encoding, q };
  }
  return best?.encoding;
}

// Quality 4 (of 11) is about gzip's speed at a smaller size; the default 11 costs ~50x the CPU for a few percent.
const compressors: Record<Encoding, (body: Uint8Array) => Uint8Array> = {
  br: (body) =>
    brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
    }),
  gzip: (body) => gzipSync(body, { level: 6 }),
};

/** ~300 compressed feed pages; hot cached pages then cost a hash per request instead of a compression. */
const MEMO_BUDGET_BYTES = 8_000_000;

/** Recently compressed bodies by encoding and content hash, least recently used dropped first. */
function createCompressionMemo(budgetBytes: number) {
  const entries = new Map<string, Uint8Array>();
  let bytes = 0;
  return (encoding: Encoding, body: Uint8Array): Uint8Array => {
    const key = `${encoding}:${Bun.hash(body).toString(36)}:${body.byteLength}`;
    const hit = entries.get(key);
    if (hit) {
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    }
    const compressed = compressors[encoding](body);
    entries.set(key, compressed);
    bytes += compressed.byteLength;
    for (const [oldest, value] of entries) {
      if (bytes <= budgetBytes) break;
      entries.delete(oldest);
      bytes -= value.byteLength;
    }
    return compressed;
  };
}

/** A body large enough to compress differs by Accept-Encoding, whether this client got it compressed or not. */
function varyOnEncoding(headers: Headers) {
  if (!/accept-encoding|\*/i.test(headers.get("Vary") ?? "")) headers.append("Vary", "Accept-Encoding");
}

/**
 * Compresses text bodies (JSON, HTML, scripts) of `thresholdBytes` or more with brotli or gzip, whichever the client
 * prefers, and says `Vary: Accept-Encoding` on them. Event streams are never touched (they must flush as they go), nor
 * are HEAD, 204/206/304, already encoded or `no-transform` responses. Bodies are finite here, so they are read whole:
 * their size is what decides. The same body (a cached feed page) is compressed once while it stays in the memo.
 */
export function compressResponses({ thresholdBytes = DEFAULT_THRESHOLD_BYTES } = {}) {
  const compress = createCompressionMemo(MEMO_BUDGET_BYTES);
  return createMiddleware<AppEnv>(async function compressionMiddleware(c, next) {
    await next();
    const res = c.res;
    const type = res.headers.get("Content-Type");
    if (!res.body || c.req.method === "HEAD" || [204, 206, 304].includes(res.status)) return;
    if (!type || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) || res.headers.has("Content-Encoding")) return;
    if (NO_TRANSFORM.test(res.headers.get("Cache-Control") ?? "")) return;
    const length = res.headers.get("Content-Length");
    if (length !== null && Number(length) < thresholdBytes) return;
    const encoding = chooseEncoding(c.req.header("Accept-Encoding"));
    // Sent as it is, and its size known: the body is neither read nor copied.
    if (!encoding && length !== null) return varyOnEncoding(res.headers);

    const body = new Uint8Array(await res.arrayBuffer());
    const large = body.byteLength >= thresholdBytes;
    const sent = large && encoding ? compress(encoding, body) : body;
    c.res = new Response(sent, res);
    const headers = c.res.headers;
    headers.set("Content-Length", String(sent.byteLength));
    if (large && encoding) headers.set("Content-Encoding", encoding);
    if (large) varyOnEncoding(headers);
  });
}

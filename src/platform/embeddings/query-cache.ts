import { createHash } from "node:crypto";
import type { Cache } from "../cache/cache";
import { normalizeForEmbedding } from "./normalize";
import type { EmbeddingProvider } from "./provider";

const TTL_SECONDS = 86_400;

function cacheKey(model: string, normalized: string): string {
  return `emb:q:${model}:${createHash("sha256").update(normalized).digest("hex")}`;
}

/** Float32 is what pgvector stores, so nothing is lost; base64 keeps an entry near 2.7 KB instead of ~10 KB of JSON. */
function encode(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}

function decode(value: string, dimensions: number): number[] | undefined {
  const bytes = Buffer.from(value, "base64");
  if (bytes.length !== dimensions * 4) return undefined;
  // Copied: a pooled Buffer's offset need not be 4-byte aligned, which Float32Array requires.
  return Array.from(new Float32Array(new Uint8Array(bytes).buffer));
}

/** A search query's vector, cached per model for a day: repeated and popular queries skip the model entirely. */
export async function embedQuery(cache: Cache, provider: EmbeddingProvider, query: string): Promise<number[]> {
  const normalized = normalizeForEmbedding(query);
  const key = cacheKey(provider.model, normalized);
  // The cache only saves work: when it is down, the query is embedded anyway.
  const cached = await cache.get(key).catch(() => null);
  const hit = cached ? decode(cached, provider.dimensions) : undefined;
  if (hit) return hit;
  const [vector] = await provider.embed([normalized]);
  await cache.set(key, encode(vector!), TTL_SECONDS).catch(() => {});
  return vector!;
}

import { EMBEDDING_DIMENSIONS } from "../../db/schema";
import { normalizeForEmbedding } from "./normalize";
import type { EmbeddingProvider } from "./provider";

export const HASHING_MODEL_ID = "hashing-fnv1a-512-v1";
const WORD = /[\p{L}\p{N}]+/gu;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function add(vector: Float64Array, feature: string, weight: number) {
  const hash = fnv1a(feature);
  // The top bit picks the sign, so colliding features tend to cancel instead of piling up.
  vector[hash % EMBEDDING_DIMENSIONS]! += hash & 0x80000000 ? -weight : weight;
}

/**
 * Signed feature hashing of words, word bigrams and character 3–5-grams (embeddings.md "weight-free baseline").
 * Deterministic and instant, but lexical only: a stand-in for tests and machines without the model, not a semantic one.
 */
export function hashEmbedding(text: string): number[] {
  const vector = new Float64Array(EMBEDDING_DIMENSIONS);
  const words = normalizeForEmbedding(text).match(WORD) ?? [];
  words.forEach((word, i) => {
    add(vector, `w:${word}`, 1);
    if (i > 0) add(vector, `b:${words[i - 1]} ${word}`, 0.7);
    const padded = `<${word}>`;
    for (let n = 3; n <= 5; n++) {
      for (let start = 0; start + n <= padded.length; start++) add(vector, `c:${padded.slice(start, start + n)}`, 0.35);
    }
  });
  const norm = Math.hypot(...vector);
  // A text without letters or digits has no features; a fixed unit vector keeps it comparable instead of NaN.
  if (norm === 0) return Array.from(vector, (_, i) => (i === 0 ? 1 : 0));
  return Array.from(vector, (v) => v / norm);
}

export function createHashingProvider(): EmbeddingProvider {
  return {
    model: HASHING_MODEL_ID,
    dimensions: EMBEDDING_DIMENSIONS,
    embed: async (texts) => texts.map(hashEmbedding),
  };
}

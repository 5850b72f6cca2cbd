import { expect } from "bun:test";
import { hashEmbedding } from "../../src/platform/embeddings/hashing";

/** normalize(Σ weight·hashEmbedding(text)): a clip vector spelled out with the weights of clip-vectors.ts. */
export function composedHashVector(parts: [text: string, weight: number][]): number[] {
  const sum = new Array<number>(512).fill(0);
  for (const [text, weight] of parts) {
    for (const [d, v] of hashEmbedding(text).entries()) sum[d]! += weight * v;
  }
  const norm = Math.hypot(...sum);
  return sum.map((v) => v / norm);
}

/** Stored vectors are float32, so five decimals is as close as they get. */
export function expectVectorClose(actual: number[], expected: number[]) {
  expect(actual).toHaveLength(expected.length);
  for (const [i, v] of actual.entries()) expect(v).toBeCloseTo(expected[i]!, 5);
}

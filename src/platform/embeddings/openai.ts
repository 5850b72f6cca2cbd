import { z } from "zod";
import { EMBEDDING_DIMENSIONS } from "../../db/schema";
import { chunks, normalizeForEmbedding } from "./normalize";
import type { EmbeddingProvider } from "./provider";

export interface OpenAiProviderOptions {
  /** The full endpoint, e.g. https://api.openai.com/v1/embeddings. */
  url: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
}

const BATCH_SIZE = 100;

const EmbeddingResponse = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()) })).min(1),
});

export class EmbeddingApiError extends Error {}

/**
 * Any OpenAI-compatible /embeddings endpoint. `dimensions` is always sent and every vector checked: the original
 * sent none and wrote 1536 values into a 768-d column (anchor §10.4).
 */
export function createOpenAiProvider(options: OpenAiProviderOptions): EmbeddingProvider {
  const request = async (input: string[]): Promise<number[][]> => {
    const res = await fetch(options.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: options.model, input, dimensions: EMBEDDING_DIMENSIONS }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!res.ok) throw new EmbeddingApiError(`embedding API answered ${res.status}`);
    const parsed = EmbeddingResponse.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new EmbeddingApiError("embedding API answered an unexpected body");
    const vectors: number[][] = new Array(input.length);
    for (const item of parsed.data.data) {
      if (item.embedding.length !== EMBEDDING_DIMENSIONS) {
        throw new EmbeddingApiError(
          `embedding API returned ${item.embedding.length} dimensions, expected ${EMBEDDING_DIMENSIONS}`,
        );
      }
      if (item.index >= input.length) throw new EmbeddingApiError("embedding API returned an index out of range");
      vectors[item.index] = item.embedding;
    }
    if (vectors.filter(Boolean).length !== input.length) {
      throw new EmbeddingApiError(
        `embedding API returned ${parsed.data.data.length} vectors for ${input.length} texts`,
      );
    }
    return vectors;
  };

  return {
    model: options.model,
    dimensions: EMBEDDING_DIMENSIONS,
    async embed(texts) {
      const out: number[][] = [];
      for (const batch of chunks(texts.map(normalizeForEmbedding), BATCH_SIZE)) out.push(...(await request(batch)));
      return out;
    },
  };
}

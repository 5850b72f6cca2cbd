import type { Config } from "../../config";
import type { EMBEDDING_DIMENSIONS } from "../../db/schema";
import { timedEmbeddingProvider } from "../metrics/timed";
import { createHashingProvider } from "./hashing";
import { createLocalProvider } from "./local";
import { createOpenAiProvider } from "./openai";
import { createUseMultilingualProvider } from "./use-multilingual/provider";

/** Turns texts into unit-length 512-d vectors; `model` is stored with each vector so a model change re-embeds. */
export interface EmbeddingProvider {
  readonly model: string;
  readonly dimensions: typeof EMBEDDING_DIMENSIONS;
  embed(texts: string[]): Promise<number[][]>;
}

/** Lazy: no provider loads weights or opens connections until its first `embed`. */
export function createEmbeddingProvider(config: Config["embeddings"]): EmbeddingProvider {
  return timedEmbeddingProvider(selectProvider(config));
}

function selectProvider(config: Config["embeddings"]): EmbeddingProvider {
  if (config.provider === "openai") {
    return createOpenAiProvider({
      url: config.apiUrl!,
      apiKey: config.apiKey,
      model: config.model!,
      timeoutMs: config.timeoutMs,
    });
  }
  if (config.provider === "hashing") return createHashingProvider();
  if (config.provider === "use-multilingual") return createUseMultilingualProvider({ threads: config.threads });
  return createLocalProvider({ threads: config.threads });
}

/** What the vector column is written from: pgvector's text form. */
export function toVectorLiteral(vector: number[]): string {
  return `[${vector.join(",")}]`;
}

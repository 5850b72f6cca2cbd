import { EMBEDDING_DIMENSIONS } from "../../db/schema";
import type { ThreadMessage, ThreadModel } from "./model-thread";
import { chunks } from "./normalize";
import type { EmbeddingProvider } from "./provider";

/**
 * A model's loader for its module in a model thread (each thread has its own module state): `load` runs once and is
 * shared; a failure is forgotten, so the next call loads again.
 */
export function loadOncePerThread<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err) => {
      loading = undefined;
      throw err;
    }));
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
function createModelThread(model: ThreadModel): ModelThread {
  let worker: Worker | undefined;
  let nextId = 0;
  let load = 0;
  const pending = new Map<number, { size: number; resolve: (v: number[][]) => void; reject: (e: Error) => void }>();

  const spawn = () => {
    const thread = new Worker(new URL("./model-thread.ts", import.meta.url).href);
    thread.postMessage({ model } satisfies ThreadMessage);
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
        worker!.postMessage({ id, texts } satisfies ThreadMessage);
      });
    },
  };
}

/**
 * A model that runs in its own threads (model-thread.ts), so inference never stalls the requests sharing the event
 * loop. Each of the `threads` holds its own copy of the model; a call's texts are split across them in contiguous
 * chunks.
 */
export function createThreadedProvider(options: {
  model: ThreadModel;
  id: string;
  threads: number;
}): EmbeddingProvider {
  const threads = Array.from({ length: options.threads }, () => createModelThread(options.model));
  return {
    model: options.id,
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

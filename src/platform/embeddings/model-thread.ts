declare const self: Worker;

/** What a model thread runs: the model's module, imported in the thread only (tfjs never loads for USE multilingual). */
const MODELS = {
  "use-lite": () => import("./local"),
  "use-multilingual": () => import("./use-multilingual/provider"),
} satisfies Record<string, () => Promise<ThreadModule>>;

export type ThreadModel = keyof typeof MODELS;

interface ThreadModule {
  /** Loads once; a failed load is retried by the next call. */
  loadModel(): Promise<unknown>;
  embedOnThisThread(texts: string[]): Promise<number[][]>;
}

export type ThreadMessage = { model: ThreadModel } | { id: number; texts: string[] };

interface Request {
  id: number;
  texts: string[];
}

let model: Promise<ThreadModule> | undefined;
let waiting: Request[] = [];
let busy = false;

/**
 * The model is CPU-bound and a batch costs far less per text than single calls, so the requests that arrive while
 * it is busy (the worker's one-clip jobs, concurrent queries) run together as one batch, answered per request.
 */
async function drain() {
  busy = true;
  while (waiting.length > 0) {
    // One turn of the event loop first: requests already posted join this batch instead of the next.
    await new Promise((resolve) => setImmediate(resolve));
    const batch = waiting;
    waiting = [];
    try {
      const vectors = await (await model!).embedOnThisThread(batch.flatMap((r) => r.texts));
      let at = 0;
      for (const r of batch) {
        postMessage({ id: r.id, vectors: vectors.slice(at, at + r.texts.length) });
        at += r.texts.length;
      }
    } catch (err) {
      for (const r of batch) postMessage({ id: r.id, error: (err as Error).message });
    }
  }
  busy = false;
}

// The first message names the model. Loading takes a while: it starts at once; a failure is reported to the first
// request, which loads again.
self.onmessage = ({ data }: MessageEvent<ThreadMessage>) => {
  if ("model" in data) {
    model = MODELS[data.model]();
    void model.then((m) => m.loadModel()).catch(() => {});
    return;
  }
  waiting.push(data);
  if (!busy) void drain();
};

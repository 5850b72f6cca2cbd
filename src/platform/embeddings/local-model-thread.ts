import { embedOnThisThread, loadModel } from "./local";

declare const self: Worker;

// Loading takes seconds: it starts with the thread. A failure is reported to the first request, which loads again.
void loadModel().catch(() => {});

interface Request {
  id: number;
  texts: string[];
}

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
      const vectors = await embedOnThisThread(batch.flatMap((r) => r.texts));
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

self.onmessage = ({ data }: MessageEvent<Request>) => {
  waiting.push(data);
  if (!busy) void drain();
};

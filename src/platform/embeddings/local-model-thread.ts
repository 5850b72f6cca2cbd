import { embedOnThisThread } from "./local";

declare const self: Worker;

// Requests are handled one at a time: the model is CPU-bound, so parallel calls would only interleave.
let queue = Promise.resolve();

self.onmessage = ({ data }: MessageEvent<{ id: number; texts: string[] }>) => {
  queue = queue.then(async () => {
    try {
      postMessage({ id: data.id, vectors: await embedOnThisThread(data.texts) });
    } catch (err) {
      postMessage({ id: data.id, error: (err as Error).message });
    }
  });
};

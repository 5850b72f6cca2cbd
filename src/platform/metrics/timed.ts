import type { EmbeddingProvider } from "../embeddings/provider";
import { observeEmbeddingLatency, observeJobRun, observeSearchLatency } from "./registry";

async function timed<T>(run: () => Promise<T>, observe: (seconds: number) => void): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    observe((performance.now() - started) / 1000);
  }
}

/** The same engine (or OpenSearch's partial one), each query observed in `search_request_duration_seconds{engine}`. */
export function timedSearchEngine<E extends object>(engine: E, name: "postgres" | "opensearch"): E {
  const observe = (seconds: number) => observeSearchLatency(name, seconds);
  const wrapped = Object.entries(engine).map(([key, value]) => [
    key,
    typeof value === "function" ? (...args: unknown[]) => timed(() => value(...args), observe) : value,
  ]);
  return Object.fromEntries(wrapped) as E;
}

/** The same provider, each `embed` call observed in `embedding_duration_seconds`. */
export function timedEmbeddingProvider(provider: EmbeddingProvider): EmbeddingProvider {
  return {
    get model() {
      return provider.model;
    },
    dimensions: provider.dimensions,
    embed: (texts) => timed(() => provider.embed(texts), observeEmbeddingLatency),
  };
}

/** Runs one job attempt, observed in `job_duration_seconds` and `jobs_completed_total` / `jobs_failed_total`. */
export async function timedJob(queue: string, job: string, run: () => Promise<void>): Promise<void> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    await run();
  } catch (err) {
    observeJobRun(queue, job, "failed", seconds());
    throw err;
  }
  observeJobRun(queue, job, "completed", seconds());
}

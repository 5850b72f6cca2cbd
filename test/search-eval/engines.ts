import { randomUUID } from "node:crypto";
import { loadConfig } from "../../src/config";
import { openPglite } from "../../src/db/client";
import { createDeps, type Deps } from "../../src/deps";
import { createOpenSearchEngine } from "../../src/modules/search/opensearch-engine";
import { refreshSearchTopics } from "../../src/modules/search/pg-topics";
import { refreshSearchWords } from "../../src/modules/search/pg-words";
import { createLogger } from "../../src/platform/logger";
import { deleteIndices } from "../../src/platform/search/opensearch-indices";
import { createOpenSearchHandle } from "../../src/platform/search/opensearch-setup";
import { type CorpusClip, indexCorpus, loadCorpus } from "./corpus";

export interface EvalEngine {
  name: "postgres" | "opensearch";
  deps: Deps;
}

/**
 * A fresh embedded database holding `clips` (with `embedder`'s vectors) and, given an OpenSearch URL, a uniquely
 * prefixed index set fed from it: the same corpus behind both engines. `env` adds settings (SEARCH_* overrides).
 */
export async function evalEngines(
  clips: CorpusClip[],
  embedder: string,
  openSearchUrl: string | undefined,
  env: Record<string, string> = {},
) {
  const base = {
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    JWT_SECRET: "search-eval-secret-that-is-at-least-32-bytes",
    DEMO_DATA: "false",
    OUTBOX_POLL_INTERVAL_MS: "0",
    EMBEDDING_PROVIDER: embedder,
    ...env,
  };
  const config = loadConfig(base);
  const database = await openPglite({});
  await database.migrate();
  const deps = await createDeps(config, { database, logger: createLogger(config) });
  const keyOf = await loadCorpus(deps, clips);
  // As the search-words job would have by now: misspelt words are corrected against the corpus's vocabulary, and
  // the tags' mean vectors are the topics a query can be about.
  await refreshSearchWords(deps.db);
  await refreshSearchTopics(deps.db);
  const engines: EvalEngine[] = [{ name: "postgres", deps }];
  const cleanups: (() => Promise<void>)[] = [];
  if (openSearchUrl) {
    const prefix = `eval-${randomUUID().slice(0, 8)}-`;
    const handle = createOpenSearchHandle(
      loadConfig({ ...base, OPENSEARCH_URL: openSearchUrl, OPENSEARCH_INDEX_PREFIX: prefix }),
    )!;
    await indexCorpus(deps, handle.client);
    const search = { ...deps.search, ...createOpenSearchEngine(handle.client), kind: "opensearch" as const };
    engines.push({ name: "opensearch", deps: { ...deps, search } });
    cleanups.push(async () => {
      await deleteIndices(handle.client);
      await handle.client.close();
    });
  }
  const close = async () => {
    for (const cleanup of cleanups) await cleanup();
    await deps.close();
  };
  return { deps, keyOf, engines, close };
}

/**
 * Relevance evaluation of clip search:
 * `bun run eval:search [--embedder local|hashing] [--no-grid] [--set default|independent] [--split heldout|tune]`.
 * Loads the set's corpus.json into a fresh embedded database (and a uniquely prefixed OpenSearch index set when
 * OPENSEARCH_URL or TEST_OPENSEARCH_URL is given), scores BM25-only, vector-only and hybrid search against the
 * graded judgments in its queries.json, grid-searches the hybrid settings, and writes the set's results.md.
 * The independent set is split: the grid only ever sees the tune half, the figures are the chosen half
 * (held-out by default, written to results.md; the tune half to results-tune.md).
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { loadConfig } from "../../src/config";
import { openPglite } from "../../src/db/client";
import { createDeps, type Deps } from "../../src/deps";
import { fuseRrf } from "../../src/modules/search/hybrid";
import { createOpenSearchEngine } from "../../src/modules/search/opensearch-engine";
import { clipVectorModel } from "../../src/platform/embeddings/clip-vectors";
import { createLogger } from "../../src/platform/logger";
import { deleteIndices } from "../../src/platform/search/opensearch-indices";
import { createOpenSearchHandle } from "../../src/platform/search/opensearch-setup";
import { indexCorpus, loadCorpus, readCorpus, SET_DIRS } from "./corpus";
import { evaluateModes, fetchLegs, grid, type HybridSettings, type ModeRun, replayHybrid } from "./evaluate";
import { meanScores } from "./metrics";
import { type GridRow, renderReport } from "./report";

const { values: args } = parseArgs({
  options: {
    embedder: { type: "string", default: "local" },
    "no-grid": { type: "boolean", default: false },
    set: { type: "string", default: "default" },
    split: { type: "string", default: "heldout" },
  },
});
if (args.set !== "default" && args.set !== "independent") throw new Error(`--set is default or independent`);
if (args.split !== "heldout" && args.split !== "tune") throw new Error(`--split is heldout or tune`);
const dir = SET_DIRS[args.set];
const FLOORS = { local: [-1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6], hashing: [-1, 0.1, 0.15, 0.2, 0.25, 0.3] };
const embedder = args.embedder === "hashing" ? "hashing" : "local";
const openSearchUrl = process.env.OPENSEARCH_URL ?? process.env.TEST_OPENSEARCH_URL;
const passThrough = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("SEARCH_")));
const env = {
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  JWT_SECRET: "search-eval-secret-that-is-at-least-32-bytes",
  DEMO_DATA: "false",
  OUTBOX_POLL_INTERVAL_MS: "0",
  EMBEDDING_PROVIDER: embedder,
  ...passThrough,
};
const config = loadConfig(env);
const { rrfK, bm25Depth, vectorDepth, vectorMinSimilarity } = config.hybridSearch;
const defaults: HybridSettings = { rrfK, bm25Depth, vectorDepth, vectorMinSimilarity };
const isDefaults = (s: HybridSettings) => JSON.stringify(s) === JSON.stringify(defaults);

const started = performance.now();
const { clips, queries: all } = await readCorpus(dir);
/** The default set has no split: the grid and the figures both use every query, as before the split existed. */
const inSplit = (split: string) => all.filter((q) => (q.split ?? split) === split);
const queries = inSplit(args.split);
const tuning = args["no-grid"] ? [] : inSplit("tune");
const database = await openPglite({});
await database.migrate();
const deps = await createDeps(config, { database, logger: createLogger(config) });
const keyOf = await loadCorpus(deps, clips);
console.log(
  `loaded ${clips.length} clips, ${queries.length} queries (${args.set}, ${args.split}), embedder ${clipVectorModel(deps.embeddings)}`,
);

const engines: { name: string; deps: Deps; cleanup?: () => Promise<void> }[] = [{ name: "postgres", deps }];
if (openSearchUrl) {
  const prefix = `eval-${randomUUID().slice(0, 8)}-`;
  const osConfig = loadConfig({ ...env, OPENSEARCH_URL: openSearchUrl, OPENSEARCH_INDEX_PREFIX: prefix });
  const handle = createOpenSearchHandle(osConfig)!;
  await indexCorpus(deps, handle.client);
  const search = { ...deps.search, ...createOpenSearchEngine(handle.client), kind: "opensearch" as const };
  engines.push({
    name: "opensearch",
    deps: { ...deps, search },
    cleanup: async () => {
      await deleteIndices(handle.client);
      await handle.client.close();
    },
  });
}

const results: { engine: string; before: ModeRun[]; after: ModeRun[] }[] = [];
const legsByEngine: Awaited<ReturnType<typeof fetchLegs>>[] = [];
const tuneLegsByEngine: Awaited<ReturnType<typeof fetchLegs>>[] = [];
for (const engine of engines) {
  const legs = await fetchLegs(engine.deps, [...new Set([...queries, ...tuning])]);
  legsByEngine.push(legs.filter((l) => queries.includes(l.query)));
  tuneLegsByEngine.push(legs.filter((l) => tuning.includes(l.query)));
}

/**
 * The grid scores the mean hybrid nDCG@10 over every engine, so one set of defaults serves both. Only settings that
 * add no more off-topic noise than the defaults qualify: the judged queries alone would always pick "no floor".
 */
const replay = (settings: HybridSettings) => {
  const runs = tuneLegsByEngine.map((legs) => replayHybrid(fuseRrf, legs, keyOf, settings));
  const noise = runs.reduce((n, r) => n + r.noise, 0) / runs.length;
  return { settings, scores: meanScores(runs.map((r) => r.mean)), noise };
};
let best = defaults;
const ranked: GridRow[] = [];
if (!args["no-grid"]) {
  const allowed = replay(defaults).noise;
  for (const settings of grid(FLOORS[embedder])) ranked.push(replay(settings));
  ranked.sort(
    (a, b) =>
      b.scores.ndcg10 - a.scores.ndcg10 ||
      a.noise - b.noise ||
      b.scores.recall50 - a.scores.recall50 ||
      // On a tie the defaults stay.
      Number(isDefaults(b.settings)) - Number(isDefaults(a.settings)),
  );
  best = ranked.find((row) => row.noise <= allowed)!.settings;
}
for (const [i, engine] of engines.entries()) {
  const before = await evaluateModes(engine.deps, legsByEngine[i]!, keyOf, defaults);
  const replayed = replayHybrid(fuseRrf, legsByEngine[i]!, keyOf, defaults).mean.ndcg10;
  const live = before.find((m) => m.mode === "hybrid")!.mean.ndcg10;
  if (Math.abs(replayed - live) > 1e-9) console.warn(`${engine.name}: replay ${replayed} != live hybrid ${live}`);
  const after = await evaluateModes(engine.deps, legsByEngine[i]!, keyOf, best);
  results.push({ engine: engine.name, before, after });
}

const report = renderReport({
  command: `bun run eval:search ${Bun.argv.slice(2).join(" ")}`.trim(),
  scope: args.set === "independent" ? `the ${args.split === "tune" ? "tune" : "held-out"} half` : "every query",
  embedder: clipVectorModel(deps.embeddings),
  clips: clips.length,
  queries,
  defaults,
  best,
  grid: ranked,
  results,
});
console.log(report);
await Bun.write(
  `${dir}/${args.set === "independent" && args.split === "tune" ? "results-tune" : "results"}.md`,
  report,
);
for (const engine of engines) await engine.cleanup?.();
await deps.close();
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);

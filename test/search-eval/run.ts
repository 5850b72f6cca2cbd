/**
 * Relevance evaluation of clip search:
 * `bun run eval:search [--embedder local|use-multilingual|hashing] [--no-grid] [--set default|independent] [--split heldout|tune]`.
 * Loads the set's corpus.json into a fresh embedded database (and a uniquely prefixed OpenSearch index set when
 * OPENSEARCH_URL or TEST_OPENSEARCH_URL is given), scores BM25-only, vector-only and hybrid search against the
 * graded judgments in its queries.json, grid-searches the hybrid settings, and writes the set's results.md.
 * The independent set is split: the grid only ever sees the tune half, the figures are the chosen half
 * (held-out by default, written to results.md; the tune half to results-tune.md).
 */
import { parseArgs } from "node:util";
import { RANK_WEIGHTS, type RankWeights } from "../../src/modules/search/rerank";
import { clipVectorModel } from "../../src/platform/embeddings/clip-vectors";
import { bagOfWordsBound } from "./bound";
import { readCorpus, SET_DIRS } from "./corpus";
import { evalEngines } from "./engines";
import { ascend, evaluateModes, fetchLegs, type ModeRun, replayHybrid } from "./evaluate";
import { meanScores } from "./metrics";
import { type GridRow, renderReport } from "./report";
import { textbookModes } from "./textbook";

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
const EMBEDDERS = ["local", "use-multilingual", "hashing"] as const;
const embedder = EMBEDDERS.find((e) => e === args.embedder);
if (!embedder) throw new Error(`--embedder is one of ${EMBEDDERS.join(", ")}`);
const openSearchUrl = process.env.OPENSEARCH_URL ?? process.env.TEST_OPENSEARCH_URL;
const passThrough = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("SEARCH_"))) as Record<
  string,
  string
>;
const defaults: RankWeights = RANK_WEIGHTS;

const started = performance.now();
const { clips, queries: all } = await readCorpus(dir);
/** The default set has no split: the grid and the figures both use every query, as before the split existed. */
const inSplit = (split: string) => all.filter((q) => (q.split ?? split) === split);
const queries = inSplit(args.split);
const tuning = args["no-grid"] ? [] : inSplit("tune");
const { deps, keyOf, engines, close } = await evalEngines(clips, embedder, openSearchUrl, passThrough);
console.log(
  `loaded ${clips.length} clips, ${queries.length} queries (${args.set}, ${args.split}), embedder ${clipVectorModel(deps.embeddings)}`,
);

const results: { engine: string; before: ModeRun[]; after: ModeRun[] }[] = [];
const legsByEngine: Awaited<ReturnType<typeof fetchLegs>>[] = [];
const tuneLegsByEngine: Awaited<ReturnType<typeof fetchLegs>>[] = [];
for (const engine of engines) {
  const legs = await fetchLegs(engine.deps, [...new Set([...queries, ...tuning])]);
  legsByEngine.push(legs.filter((l) => queries.includes(l.query)));
  tuneLegsByEngine.push(legs.filter((l) => tuning.includes(l.query)));
}

/** The grid scores the mean hybrid nDCG@10 over every engine on the tune half, so one set of weights serves both. */
const replay = (weights: RankWeights) => {
  const runs = tuneLegsByEngine.map((legs) => replayHybrid(legs, keyOf, weights));
  return { settings: weights, scores: meanScores(runs.map((r) => r.mean)), noise: mean(runs.map((r) => r.noise)) };
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
let best = defaults;
let ranked: GridRow[] = [];
if (!args["no-grid"]) {
  const search = ascend(defaults, (w) => replay(w).scores.ndcg10);
  best = search.best;
  ranked = search.tried.map((p) => replay(p.settings)).sort((a, b) => b.scores.ndcg10 - a.scores.ndcg10);
}
for (const [i, engine] of engines.entries()) {
  const before = await evaluateModes(engine.deps, legsByEngine[i]!, keyOf, defaults);
  const replayed = replayHybrid(legsByEngine[i]!, keyOf, defaults).mean.ndcg10;
  const live = before.find((m) => m.mode === "hybrid")!.mean.ndcg10;
  if (Math.abs(replayed - live) > 1e-9) console.warn(`${engine.name}: replay ${replayed} != live hybrid ${live}`);
  const after = await evaluateModes(engine.deps, legsByEngine[i]!, keyOf, best);
  results.push({ engine: engine.name, before, after });
}
const textbook = textbookModes(deps, clips, legsByEngine[0]!, keyOf);
results.push({ engine: "textbook", before: textbook, after: textbook });

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
  bound: bagOfWordsBound(
    clips,
    queries.filter((q) => Object.keys(q.judgments).length > 0),
  ),
});
console.log(report);
await Bun.write(
  `${dir}/${args.set === "independent" && args.split === "tune" ? "results-tune" : "results"}.md`,
  report,
);
await close();
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);

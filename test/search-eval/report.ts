import type { EvalQuery } from "./corpus";
import type { ModeRun } from "./evaluate";
import { meanScores, type QueryScores } from "./metrics";

/** The weights the grid varies (RankWeights), by name. */
export type Settings = Record<string, number>;

export interface GridRow {
  settings: Settings;
  scores: QueryScores;
  /** Mean off-topic results in the top 10. */
  noise: number;
}

export interface ReportInput {
  /** The command line that produced the report. */
  command: string;
  /** Which queries the figures are over ("every query", "the held-out half"). */
  scope: string;
  embedder: string;
  clips: number;
  queries: EvalQuery[];
  defaults: Settings;
  best: Settings;
  /** Every grid point, best first. */
  grid: GridRow[];
  results: { engine: string; before: ModeRun[]; after: ModeRun[] }[];
  /** bound.ts's nDCG@10 per judged query. */
  bound: { query: EvalQuery; ndcg10: number }[];
}

const f = (n: number) => n.toFixed(3);
const settingsText = (s: Settings) =>
  Object.entries(s)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

/** A markdown table with padded columns (the layout biome's formatter keeps). */
function table(head: string[], rows: (string | number)[][]): string[] {
  const cells = [head, ...rows.map((row) => row.map(String))];
  const widths = head.map((_, i) => Math.max(3, ...cells.map((row) => [...row[i]!].length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => cell + " ".repeat(widths[i]! - [...cell].length)).join(" | ")} |`;
  return [line(cells[0]!), line(widths.map((w) => "-".repeat(w))), ...cells.slice(1).map(line)];
}

function modeTable(results: ReportInput["results"], pick: "before" | "after"): string[] {
  const rows = results.flatMap((r) =>
    r[pick].map((m) => [
      r.engine,
      m.mode,
      f(m.mean.ndcg10),
      f(m.mean.mrr10),
      f(m.mean.recall50),
      m.noise.toFixed(1),
      m.empty,
    ]),
  );
  return table(["engine", "mode", "nDCG@10", "MRR@10", "recall@50", "off-topic hits@10", "no results"], rows);
}

/** One metric per query kind (exact, typo, paraphrase, …) for each engine and mode, with the configured defaults. */
function kindTable(results: ReportInput["results"], kinds: string[], metric: keyof QueryScores): string[] {
  const score = (m: ModeRun, kind: string) =>
    f(meanScores(m.perQuery.filter((p) => p.query.kind === kind).map((p) => p.scores))[metric]);
  const rows = results.flatMap((r) => r.before.map((m) => [r.engine, m.mode, ...kinds.map((kind) => score(m, kind))]));
  return table(["engine", "mode", ...kinds], rows);
}

function gridTable(rows: GridRow[]): string[] {
  const keys = Object.keys(rows[0]?.settings ?? {});
  return table(
    [...keys, "nDCG@10", "MRR@10", "recall@50", "off-topic hits@10"],
    rows.map(({ settings: s, scores: m, noise }) => [
      ...keys.map((k) => s[k]!),
      f(m.ndcg10),
      f(m.mrr10),
      f(m.recall50),
      noise.toFixed(1),
    ]),
  );
}

/** The grid points that differ from the defaults in exactly one setting, grouped by that setting. */
function sweeps(grid: GridRow[], d: Settings): GridRow[] {
  const keys = Object.keys(d);
  const differing = (row: GridRow) => keys.filter((k) => row.settings[k] !== d[k]);
  return keys.flatMap((key) =>
    grid
      .filter((row) => differing(row).length <= 1 && (differing(row)[0] ?? key) === key)
      .sort((a, b) => a.settings[key]! - b.settings[key]!),
  );
}

function verdict(results: ReportInput["results"]): string[] {
  return results.map((r) => {
    const nd = (mode: string) => r.after.find((m) => m.mode === mode)!.mean.ndcg10;
    const holds = nd("hybrid") > nd("bm25");
    return `- ${r.engine}: hybrid ${f(nd("hybrid"))} vs BM25-only ${f(nd("bm25"))} → ${holds ? "holds" : "does NOT hold"}`;
  });
}

function tuned(input: ReportInput): string[] {
  const on = input.scope === "every query" ? "every query" : "the tune half";
  return [
    `## After: tuned on ${on} (${settingsText(input.best)})`,
    "",
    ...modeTable(input.results, "after"),
    "",
    `## Grid (top 10 of ${input.grid.length}, mean hybrid scores over the engines on ${on})`,
    "",
    "Tuned = the best nDCG@10 whose off-topic noise is no higher than the defaults'.",
    "",
    ...gridTable(input.grid.slice(0, 10)),
    "",
    "## One setting at a time (others at their defaults)",
    "",
    ...gridTable(sweeps(input.grid, input.defaults)),
    "",
  ];
}

function boundTable(bound: ReportInput["bound"], kinds: string[]): string[] {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
  const of = (kind?: string) => f(mean(bound.filter((b) => !kind || b.query.kind === kind).map((b) => b.ndcg10)));
  return [
    "## Keyword bound (bound.ts): nDCG@10 of the best ranking by which query words each field holds",
    "",
    ...table(["all", ...kinds], [[of(), ...kinds.map(of)]]),
    "",
  ];
}

export function renderReport(input: ReportInput): string {
  const kinds = [...new Set(input.queries.filter((q) => Object.keys(q.judgments).length).map((q) => q.kind))];
  const counts = kinds.map((k) => `${k} ${input.queries.filter((q) => q.kind === k).length}`).join(", ");
  const settings = input.grid.length ? "tuned settings" : "configured defaults";
  const byKind = (metric: keyof QueryScores, name: string) => [
    `## ${name} by query kind (configured defaults)`,
    "",
    ...kindTable(input.results, kinds, metric),
    "",
  ];
  return [
    "# Search relevance evaluation",
    "",
    `Generated by \`${input.command}\` (test/search-eval/run.ts). Corpus: ${input.clips} clips; figures over ${input.scope}: ${input.queries.length} queries (${counts}).`,
    `Embedder: \`${input.embedder}\`. Gain 2^rel − 1 with a log2 discount; MRR@10 and recall@50 count grade ≥ 2 as relevant.`,
    "BM25-only is the keyword engine alone (SEARCH_HYBRID=false), vector-only the pgvector leg alone (depth and floor",
    "as configured), hybrid is `searchClipsHybrid` (the re-ranker, rerank.ts) as the API runs it. No results: judged queries with an empty list.",
    "The textbook rows are the baselines (textbook.ts): BM25 with field boosts over the corpus (OR, standard analyzer),",
    "and its reciprocal-rank fusion (k 60) with the vector leg.",
    "",
    `## Before: configured defaults (${settingsText(input.defaults)})`,
    "",
    ...modeTable(input.results, "before"),
    "",
    ...(input.grid.length ? tuned(input) : []),
    `Hybrid > BM25-only on nDCG@10 (${settings}):`,
    "",
    ...verdict(input.results),
    "",
    ...byKind("ndcg10", "nDCG@10"),
    ...boundTable(input.bound, kinds),
    ...byKind("mrr10", "MRR@10"),
    ...byKind("recall50", "recall@50"),
  ].join("\n");
}

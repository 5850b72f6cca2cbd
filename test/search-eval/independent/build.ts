/** The independent set built in memory, checked, and serialised the way generate.ts writes it. */
import type { EvalQuery } from "../corpus";
import { RELEVANT_FROM } from "../metrics";
import { generateClips, type LatentClip } from "./clips";
import { generateQueries } from "./queries";
import { EVENTS } from "./vocabulary-events";
import { EVENT_QUERIES } from "./vocabulary-queries";

const CLIP_SEED = 0x5eed_17;
const QUERY_SEED = 0x9e7_17;
const STOP = new Set(
  "a an the of to in on at for and or but with by is it its his her their your my all any so then when that this from up out off as be are was were has have who into".split(
    " ",
  ),
);

const words = (text: string) =>
  (text.toLowerCase().match(/\p{L}+/gu) ?? [])
    .filter((w) => !STOP.has(w) && w.length > 1)
    .map((w) => w.replace(/(ing|ed|es|s)$/, ""));

function checkParaphrases(): void {
  for (const event of EVENTS) {
    const used = new Set(words([...event.en, ...event.tags.map((t) => t.replaceAll("-", " "))].join(" ")));
    for (const q of EVENT_QUERIES[event.id]!.paraphrase) {
      const shared = words(q).filter((w) => used.has(w));
      if (shared.length) throw new Error(`paraphrase "${q}" shares ${shared.join(", ")} with ${event.id}'s titles`);
    }
  }
}

function checkJudged(queries: EvalQuery[]): void {
  for (const q of queries) {
    const grades = Object.values(q.judgments);
    if (q.kind !== "off-topic" && !grades.some((g) => g >= RELEVANT_FROM))
      throw new Error(`${q.id} "${q.q}" has no answer`);
  }
}

/** JSON as biome formats it (objects one key a line, arrays of strings on one line), so lint leaves the files alone. */
export function json(value: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== "object")) return JSON.stringify(value).replaceAll('","', '", "');
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => inner + json(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${json(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function stats(clips: LatentClip[], queries: EvalQuery[]): string[] {
  const lines = [`${clips.length} clips, ${queries.length} queries`];
  for (const kind of new Set(queries.map((q) => q.kind))) {
    const of = queries.filter((q) => q.kind === kind);
    const relevant = of.map((q) => Object.values(q.judgments).filter((g) => g >= RELEVANT_FROM).length);
    const ceiling = relevant.reduce((sum, n) => sum + (n ? Math.min(1, 50 / n) : 1), 0) / of.length;
    const heldout = of.filter((q) => q.split === "heldout").length;
    const mean = relevant.reduce((a, b) => a + b, 0) / of.length;
    lines.push(
      `${kind}: ${of.length} (${heldout} held out), ${mean.toFixed(1)} relevant a query, recall@50 ceiling ${ceiling.toFixed(3)}`,
    );
  }
  return lines;
}

/** Builds the set; throws when a paraphrase shares a word with its event's titles or a graded query has no answer. */
export function buildSet(): { clips: LatentClip[]; queries: EvalQuery[] } {
  checkParaphrases();
  const clips = generateClips(CLIP_SEED);
  const queries = generateQueries(clips, QUERY_SEED);
  checkJudged(queries);
  return { clips, queries };
}

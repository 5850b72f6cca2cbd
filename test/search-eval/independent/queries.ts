import { Random } from "../../../src/seed/random";
import type { EvalQuery } from "../corpus";
import type { LatentClip } from "./clips";
import { combinedQueries } from "./combined";
import * as grade from "./grades";
import { exactQueries, namedQueries } from "./named";
import { type Draft, spread } from "./spread";
import { typo } from "./typos";
import { EVENT_QUERIES, OFF_TOPIC, SHORT_QUERIES } from "./vocabulary-queries";

/** Queries per derived kind; the hand-written kinds take every text in vocabulary-queries.ts. */
const PER_KIND = 30;
const TYPO_SOURCES = new Set(["game", "streamer", "concept+game", "streamer+concept"]);
const ID_PREFIX: Record<string, string> = {
  exact: "ex",
  game: "gm",
  streamer: "st",
  paraphrase: "pa",
  slang: "sl",
  "non-english": "ne",
  typo: "ty",
  "short-ambiguous": "sa",
  "multi-intent": "mi",
  "concept+game": "cg",
  "streamer+concept": "sc",
  "off-topic": "ot",
};

function handWritten(clips: LatentClip[]): Draft[] {
  const out: Draft[] = [];
  for (const [event, texts] of Object.entries(EVENT_QUERIES)) {
    const judgments = grade.judge(clips, grade.byEvent(event));
    for (const q of texts.paraphrase) out.push({ q, kind: "paraphrase", judgments });
    for (const q of texts.slang) out.push({ q, kind: "slang", judgments });
    for (const [language, q] of texts.intl)
      out.push({ q, kind: "non-english", judgments: grade.judge(clips, grade.byEventInLanguage(event, language)) });
  }
  for (const [q, readings] of SHORT_QUERIES)
    out.push({ q, kind: "short-ambiguous", judgments: grade.judge(clips, grade.byReadings(readings)) });
  return out;
}

/** typo: one slip in a game, streamer or combined query (at most 8 of each); the judgments are the source query's. */
function typoQueries(rng: Random, drafts: Draft[]): Draft[] {
  const sources = drafts.filter((d) => TYPO_SOURCES.has(d.kind));
  const slipped = spread(rng, sources, sources.length, () => "", sources.length).flatMap((d) => {
    const q = typo(rng, d.q);
    return q ? [{ q, source: d }] : [];
  });
  return spread(rng, slipped, PER_KIND, (s) => s.source.kind, 8).map(({ q, source }) => ({
    q,
    kind: "typo",
    judgments: source.judgments,
  }));
}

/** 32-bit FNV-1a: the split must not depend on the runtime's hash. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of new TextEncoder().encode(text)) h = Math.imul(h ^ ch, 0x01000193) >>> 0;
  return h;
}

/** Within each kind, queries ordered by the hash of their id alternate tune / held-out. */
function withSplit(queries: Omit<EvalQuery, "split">[]): EvalQuery[] {
  const half = new Map<string, "tune" | "heldout">();
  for (const kind of new Set(queries.map((q) => q.kind))) {
    const ids = queries.filter((q) => q.kind === kind).map((q) => q.id);
    ids.sort((a, b) => fnv1a(a) - fnv1a(b));
    for (const [i, id] of ids.entries()) half.set(id, i % 2 === 0 ? "tune" : "heldout");
  }
  return queries.map((q) => ({ ...q, split: half.get(q.id)! }));
}

export function generateQueries(clips: LatentClip[], seed: number): EvalQuery[] {
  const rng = new Random(seed);
  const drafts = [
    ...handWritten(clips),
    ...namedQueries(rng, clips, PER_KIND),
    ...exactQueries(rng, clips, PER_KIND),
    ...combinedQueries(rng, clips, PER_KIND),
  ];
  drafts.push(...typoQueries(rng, drafts));
  drafts.push(...OFF_TOPIC.map((q) => ({ q, kind: "off-topic", judgments: {} })));
  const numbered = new Map<string, number>();
  const ided = drafts.map((d) => {
    const n = (numbered.get(d.kind) ?? 0) + 1;
    numbered.set(d.kind, n);
    return { id: `${ID_PREFIX[d.kind]}${String(n).padStart(2, "0")}`, ...d };
  });
  return withSplit(ided);
}

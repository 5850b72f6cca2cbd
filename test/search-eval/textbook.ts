import type { Deps } from "../../src/deps";
import type { CorpusClip } from "./corpus";
import { type Legs, type ModeRun, scoreMode, vectorLeg } from "./evaluate";

/**
 * The textbook baselines the issue measures us against, over the corpus itself (no engine): BM25 (k1 1.2, b 0.75)
 * per field, summed with field boosts, OR semantics — what a Lucene multi_match of type most_fields does with the
 * standard analyzer: lower case, runs of letters and digits, a Han/kana character per token, English stopwords, no
 * stemming, no accent folding, no handle splitting. And reciprocal-rank fusion (k 60) of it with the vector leg.
 */
const K1 = 1.2;
const B = 0.75;
const RRF_K = 60;
const FUSED_DEPTH = 100;
const STOPWORDS = new Set(
  "a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with".split(
    " ",
  ),
);
const FIELDS = ["title", "broadcaster", "game", "tags"] as const;
export type FieldBoosts = Record<(typeof FIELDS)[number], number>;
/**
 * The best of a grid (title, broadcaster, game ∈ {1, 2, 3}, tags ∈ {0.5, 1, 2}) on the tune half: 0.506 there,
 * 0.440 at its worst. The strongest textbook baseline, so that beating it means something.
 */
export const TEXTBOOK_BOOSTS: FieldBoosts = { title: 1, broadcaster: 3, game: 3, tags: 2 };

const CJK_CHAR = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/u;
export function standardTokens(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words
    .flatMap((w) => (CJK_CHAR.test(w) ? w.split(/(?=[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff])/u) : [w]))
    .filter((w) => !STOPWORDS.has(w));
}

const fieldText = (c: CorpusClip) => ({
  title: c.title,
  broadcaster: c.broadcaster_name,
  game: c.game_name,
  tags: c.tags.join(" "),
});

/** Per field: each clip's term counts and length, the field's mean length and document frequencies. */
export function textbookIndex(clips: CorpusClip[]) {
  return FIELDS.map((field) => {
    const docs = clips.map((c) => {
      const tokens = standardTokens(fieldText(c)[field]);
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      return { key: c.key, tf, length: tokens.length };
    });
    const df = new Map<string, number>();
    for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const meanLength = docs.reduce((s, d) => s + d.length, 0) / (docs.length || 1);
    return { field, docs, df, meanLength };
  });
}

/** Clip keys by BM25 score, best first; clips matching no query token are left out. */
export function textbookBm25(index: ReturnType<typeof textbookIndex>, q: string, boosts: FieldBoosts): string[] {
  const terms = [...new Set(standardTokens(q))];
  const scores = new Map<string, number>();
  for (const { field, docs, df, meanLength } of index) {
    const n = docs.length;
    for (const term of terms) {
      const f = df.get(term);
      if (!f) continue;
      const idf = Math.log(1 + (n - f + 0.5) / (f + 0.5));
      for (const d of docs) {
        const tf = d.tf.get(term);
        if (!tf) continue;
        const score = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * d.length) / (meanLength || 1)));
        scores.set(d.key, (scores.get(d.key) ?? 0) + boosts[field] * score);
      }
    }
  }
  return [...scores].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key);
}

/** Reciprocal-rank fusion of the first FUSED_DEPTH of each list. */
export function reciprocalRankFusion(lists: string[][]): string[] {
  const scores = new Map<string, number>();
  for (const list of lists) {
    for (const [i, key] of list.slice(0, FUSED_DEPTH).entries())
      scores.set(key, (scores.get(key) ?? 0) + 1 / (RRF_K + i + 1));
  }
  return [...scores].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key);
}

/** Textbook BM25 alone ("bm25") and fused with the vector leg as configured ("hybrid"), scored like the engines. */
export function textbookModes(deps: Deps, clips: CorpusClip[], legs: Legs[], keyOf: Map<string, string>): ModeRun[] {
  const index = textbookIndex(clips);
  const idOf = new Map([...keyOf].map(([id, key]) => [key, id]));
  const bm25 = new Map(legs.map((l) => [l.query.id, textbookBm25(index, l.query.q, TEXTBOOK_BOOSTS)]));
  const fused = (l: Legs) =>
    reciprocalRankFusion([bm25.get(l.query.id)!, vectorLeg(deps, l).map((id) => keyOf.get(id)!)]);
  return [
    scoreMode("bm25", legs, keyOf, (l) => bm25.get(l.query.id)!.map((key) => idOf.get(key)!)),
    scoreMode("hybrid", legs, keyOf, (l) => fused(l).map((key) => idOf.get(key)!)),
  ];
}

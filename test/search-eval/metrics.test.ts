import { describe, expect, test } from "bun:test";
import { bagOfWordsBound } from "./bound";
import type { CorpusClip } from "./corpus";
import { meanScores, mrrAt, ndcgAt, recallAt, scoreRanking } from "./metrics";
import { reciprocalRankFusion, standardTokens, textbookBm25, textbookIndex } from "./textbook";

describe("search eval metrics", () => {
  test("nDCG@k is 1 for the ideal order and 0 with no relevant result", () => {
    const judgments = { a: 3, b: 2, c: 1 };
    expect(ndcgAt(["a", "b", "c", "x"], judgments, 10)).toBeCloseTo(1, 10);
    expect(ndcgAt(["x", "y"], judgments, 10)).toBe(0);
    expect(ndcgAt(["a"], {}, 10)).toBe(0);
  });

  test("nDCG@k uses gain 2^rel - 1 and a log2 discount (known value)", () => {
    // DCG = 1/log2(2) + 7/log2(3) = 1 + 4.41650…; IDCG = 7 + 1/log2(3) = 7.63093…
    const dcg = 1 + 7 / Math.log2(3);
    const idcg = 7 + 1 / Math.log2(3);
    expect(ndcgAt(["b", "a"], { a: 3, b: 1 }, 10)).toBeCloseTo(dcg / idcg, 10);
    expect(ndcgAt(["b", "a"], { a: 3, b: 1 }, 10)).toBeCloseTo(0.7098, 4);
  });

  test("nDCG@k ignores results past k but keeps every judged clip in the ideal", () => {
    const judgments = { a: 2, b: 2 };
    // Only "a" inside the cut: 3 / (3 + 3/log2(3)) = 0.38685…
    expect(ndcgAt(["a", "x", "b"], judgments, 2)).toBeCloseTo(3 / (3 + 3 / Math.log2(3)), 10);
  });

  test("MRR@k counts the first result graded 2 or more", () => {
    expect(mrrAt(["x", "a"], { a: 2 }, 10)).toBe(0.5);
    expect(mrrAt(["c", "x", "a"], { a: 3, c: 1 }, 10)).toBeCloseTo(1 / 3, 10);
    expect(mrrAt(["x", "y", "a"], { a: 3 }, 2)).toBe(0);
  });

  test("recall@k is the share of grade ≥ 2 clips within the top k", () => {
    expect(recallAt(["a", "x", "b"], { a: 3, b: 2, c: 2, d: 1 }, 50)).toBeCloseTo(2 / 3, 10);
    expect(recallAt(["a", "b"], { a: 3, b: 3 }, 1)).toBe(0.5);
    expect(recallAt([], { d: 1 }, 50)).toBe(1);
  });

  test("scores and means", () => {
    const s = scoreRanking(["a"], { a: 3 });
    expect(s).toEqual({ ndcg10: 1, mrr10: 1, recall50: 1 });
    expect(meanScores([s, { ndcg10: 0, mrr10: 0, recall50: 0.5 }])).toEqual({
      ndcg10: 0.5,
      mrr10: 0.5,
      recall50: 0.75,
    });
  });
});

describe("textbook baselines (textbook.ts)", () => {
  const clip = (key: string, over: Partial<CorpusClip>): CorpusClip => ({
    key,
    title: "",
    game_name: "Other",
    broadcaster_name: "someone",
    creator_name: "clipper",
    tags: [],
    language: "en",
    vote_score: 0,
    created_offset_hours: 0,
    topic: "none",
    ...over,
  });
  const index = textbookIndex([
    clip("long", { title: "the boss fight went on and on for a very long time tonight" }),
    clip("short", { title: "boss fight" }),
    clip("tag", { title: "day 4", tags: ["boss-fight"] }),
    clip("none", { title: "cooking stream" }),
  ]);

  test("BM25 is OR over the words, prefers the short field and sums fields by their boosts; stopwords add nothing", () => {
    const boosts = { title: 1, broadcaster: 1, game: 1, tags: 1 };
    expect(textbookBm25(index, "the boss fight", boosts)).toEqual(["short", "tag", "long"]);
    expect(textbookBm25(index, "fight", { ...boosts, tags: 3 })[0]).toBe("tag");
    expect(textbookBm25(index, "the", boosts)).toEqual([]);
    expect(standardTokens("Koraidonが床")).toEqual(["koraidon", "が", "床"]);
  });

  test("reciprocal-rank fusion adds 1 / (60 + rank) over the lists", () => {
    expect(
      reciprocalRankFusion([
        ["a", "b"],
        ["b", "c"],
      ]),
    ).toEqual(["b", "a", "c"]);
  });
});

describe("bag-of-words bound (bound.ts)", () => {
  const clip = (key: string, title: string, tags: string[] = []): CorpusClip => ({
    key,
    title,
    game_name: "Other",
    broadcaster_name: "someone",
    creator_name: "clipper",
    tags,
    language: "en",
    vote_score: 0,
    created_offset_hours: 0,
    topic: "none",
  });
  const query = (q: string, judgments: Record<string, number>) => ({ id: q, q, kind: "exact", judgments });

  test("clips holding the same words in the same fields are one group, scored at its expected DCG", () => {
    const clips = [clip("a", "boss fight"), clip("b", "boss fight"), clip("c", "quiet day", ["boss"])];
    // a and b are indistinguishable: one of them relevant gives half its gain at each of the first two places.
    const [pair] = bagOfWordsBound(clips, [query("boss fight", { a: 1 })]);
    expect(pair!.ndcg10).toBeCloseTo(0.5 + 0.5 / Math.log2(3), 10);
    // A tag-only match is its own group and can be ordered first; a clip holding no word is out of reach.
    expect(bagOfWordsBound(clips, [query("boss", { c: 3 })])[0]!.ndcg10).toBeCloseTo(1, 10);
    expect(bagOfWordsBound(clips, [query("fight", { c: 3 })])[0]!.ndcg10).toBe(0);
  });
});

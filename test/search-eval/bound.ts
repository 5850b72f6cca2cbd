import { foldText } from "../../src/modules/search/intent";
import { queryTerms } from "../../src/modules/search/query-terms";
import { fieldWords, sameWord } from "../../src/modules/search/rerank";
import type { CorpusClip, EvalQuery } from "./corpus";
import { dcg, discount, gain } from "./metrics";

/**
 * An upper bound for keyword search on a set: what a ranking knows if all it sees of a clip is which of the query's
 * words each field holds (title, broadcaster, game, tags; a word matches as the re-ranker's coverage matches it —
 * a stem, a prefix of four letters or more, one slip). Clips with the same answer are one group; the bound orders
 * the groups by their mean gain under the judgments (the best any such ranking can do) and scores each group at its
 * expected DCG (any order inside it). Term counts, field lengths and word order are what a real engine has beyond
 * this, so it can pass the bound a little (exact titles by their phrase) but not by much.
 */
const K = 10;

const clipFields = (c: CorpusClip) =>
  fieldWords({ title: c.title, broadcasterName: c.broadcaster_name, gameName: c.game_name, tags: c.tags.join(" ") });

/** nDCG@10 of the best field-aware bag-of-words ranking of `clips` for each of `queries`. */
export function bagOfWordsBound(clips: CorpusClip[], queries: EvalQuery[]): { query: EvalQuery; ndcg10: number }[] {
  const fields = clips.map((c) => ({ key: c.key, fields: Object.entries(clipFields(c)) }));
  return queries.map((query) => {
    const terms = queryTerms(foldText(query.q)).terms;
    const groups = new Map<string, number[]>();
    for (const c of fields) {
      const matched = terms.flatMap((t) =>
        c.fields.filter(([, words]) => words.some((w) => sameWord(t, w))).map(([field]) => `${t}@${field}`),
      );
      if (matched.length === 0) continue;
      const key = matched.join(" ");
      groups.set(key, [...(groups.get(key) ?? []), gain(query.judgments[c.key] ?? 0)]);
    }
    const ordered = [...groups.values()]
      .map((gains) => ({ size: gains.length, mean: gains.reduce((a, b) => a + b, 0) / gains.length }))
      .sort((a, b) => b.mean - a.mean);
    let expected = 0;
    let position = 0;
    for (const group of ordered) {
      for (let i = 0; i < group.size && position < K; i++, position++) expected += group.mean / discount(position);
      if (position >= K) break;
    }
    const ideal = dcg(
      Object.values(query.judgments).sort((a, b) => b - a),
      K,
    );
    return { query, ndcg10: ideal ? expected / ideal : 0 };
  });
}

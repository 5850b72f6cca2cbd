/** `w` (rows × cols, row-major) transposed into `out` (cols × rows), as `addMatmul` takes its weights. */
export function transposeInto(w: Float32Array, rows: number, out: Float32Array): Float32Array {
  const cols = w.length / rows;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c]!;
  return out;
}

/** Fills each of `rows` rows of `out` with `bias`. */
export function fillRows(out: Float32Array, rows: number, bias: Float32Array) {
  for (let r = 0; r < rows; r++) out.set(bias, r * bias.length);
}

/** Layer norm of each row, in place. */
export function layerNorm(x: Float32Array, width: number, gamma: Float32Array, beta: Float32Array, eps: number) {
  for (let at = 0; at < x.length; at += width) {
    let mean = 0;
    for (let j = 0; j < width; j++) mean += x[at + j]!;
    mean /= width;
    let variance = 0;
    for (let j = 0; j < width; j++) {
      const d = x[at + j]! - mean;
      x[at + j] = d;
      variance += d * d;
    }
    const scale = 1 / Math.sqrt(variance / width + eps);
    for (let j = 0; j < width; j++) x[at + j] = x[at + j]! * scale * gamma[j]! + beta[j]!;
  }
}

export function relu(x: Float32Array) {
  for (let i = 0; i < x.length; i++) if (x[i]! < 0) x[i] = 0;
}

const scratch: Float32Array[] = [];
/** Zeroed slot `slot` of `length` floats: passes reuse the per-token buffers (about 7 MB) instead of allocating. */
export function buffer(slot: number, length: number): Float32Array {
  if ((scratch[slot]?.length ?? 0) < length) scratch[slot] = new Float32Array(length);
  const out = scratch[slot]!.subarray(0, length);
  out.fill(0);
  return out;
}

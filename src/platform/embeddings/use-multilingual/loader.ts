import { openSync, readSync } from "node:fs";
import { join } from "node:path";
import { EMBEDDING_WIDTH, MODEL_FILES, readManifest, USE_MULTILINGUAL_DIR, USE_MULTILINGUAL_FETCH } from "./files";
import type { Weights } from "./forward";
import { transposeInto } from "./linear";
import { createMatmul } from "./simd-matmul";
import { createTokenizer } from "./tokenizer";

export interface UseMultilingualModel {
  weights: Weights;
  tokenize(text: string): number[];
}

const ORDERS = [
  { order: 2, left: 0 },
  { order: 3, left: 1 },
  { order: 5, left: 2 },
] as const;

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Rows of the 65 MB table, read where they lie: the file stays in the page cache, not in the process. (Mapped with
 * Bun.mmap, each row touched also maps its neighbours (the kernel's fault-around, 64 KB): 1,000 titles left 59 MB
 * of the table resident.)
 */
function tableReader(path: string): (ids: number[]) => Uint8Array {
  const fd = openSync(path, "r");
  let rows = new Uint8Array(0);
  return (ids) => {
    if (rows.length < ids.length * EMBEDDING_WIDTH) rows = new Uint8Array(ids.length * EMBEDDING_WIDTH);
    ids.forEach((id, i) => {
      readSync(fd, rows, i * EMBEDDING_WIDTH, EMBEDDING_WIDTH, id * EMBEDDING_WIDTH);
    });
    return rows;
  };
}

async function floats(path: string): Promise<Float32Array> {
  return new Float32Array(await Bun.file(path).arrayBuffer());
}

/**
 * Reads the model directory the fetch script writes (the embedding table row by row, on use). Throws, naming the fetch command, when the directory is absent or incomplete.
 */
export async function loadUseMultilingual(dir = USE_MULTILINGUAL_DIR): Promise<UseMultilingualModel> {
  const manifest = readManifest(dir);
  if (!manifest) {
    throw new Error(`USE multilingual v3 model files are missing from ${dir}: run \`${USE_MULTILINGUAL_FETCH}\``);
  }
  const all = await floats(join(dir, MODEL_FILES.weights));
  const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  const matrices = Object.values(manifest.arrays).filter((a) => a.shape.length === 2);
  const matmul = createMatmul(matrices.reduce((n, a) => n + size(a.shape), 0));
  const raw = (name: string) => {
    const entry = manifest.arrays[name];
    if (!entry) throw new Error(`USE multilingual v3: ${name} is missing from the manifest`);
    return { data: all.subarray(entry.offset, entry.offset + size(entry.shape)), rows: entry.shape[0]! };
  };
  // Copies, so the file's buffer is dropped: vectors sliced, matrices transposed into the kernel's memory, those
  // named together one after another (transposed, matrices side by side are stacked).
  const get = (...names: string[]) => {
    const parts = names.map(raw);
    if (parts[0]!.data.length === parts[0]!.rows) return concat(parts.map((p) => p.data));
    const out = matmul.alloc(parts.reduce((n, p) => n + p.data.length, 0));
    let at = 0;
    for (const { data, rows } of parts) {
      transposeInto(data, rows, out.subarray(at, at + data.length));
      at += data.length;
    }
    return out;
  };
  const ns = ORDERS.map((o) => o.order);
  const weights: Weights = {
    matmul,
    tableRows: tableReader(join(dir, MODEL_FILES.table)),
    scale: get("scale"),
    lo: get("lo"),
    projW: get(...ns.map((n) => `proj${n}`)),
    projB: get(...ns.map((n) => `proj_b${n}`)),
    projGamma: get(...ns.map((n) => `ln_g${n}`)),
    projBeta: get(...ns.map((n) => `ln_b${n}`)),
    branches: ORDERS.map(({ order, left }) => ({
      order,
      left,
      w1: get(`w1_${order}`),
      b1: get(`b1_${order}`),
      w2: get(`w2_${order}`),
      b2: get(`b2_${order}`),
    })),
    gamma: get("ln_g"),
    beta: get("ln_b"),
    cnnW: get("cnn_W"),
    cnnB: get("cnn_b"),
    d0: get("d0"),
    d1: get("d1"),
    d2: get("d2"),
    d3: get("d3"),
    p1: get("p1"),
    p3: get("p3"),
    eps: manifest.eps,
  };
  const tokenize = createTokenizer({
    pieces: (await Bun.file(join(dir, MODEL_FILES.pieces)).json()) as string[],
    scores: await floats(join(dir, MODEL_FILES.scores)),
    charsmap: new Uint8Array(await Bun.file(join(dir, MODEL_FILES.charsmap)).arrayBuffer()),
  });
  return { weights, tokenize };
}

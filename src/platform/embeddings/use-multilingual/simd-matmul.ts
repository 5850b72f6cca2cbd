/**
 * `out += a · wᵀ` in WebAssembly SIMD (f32x4): the weights live in the module's memory, transposed (cols × inner,
 * inner a multiple of 4, cols even), and rows of `a` and `out` pass through a small scratch area in chunks. Four
 * rows × two columns per step keep eight vector sums in registers: 3 to 4 times the scalar JavaScript loop. The
 * module is assembled here (no toolchain); the WAT it encodes is in the comments.
 */
export interface Matmul {
  /** A zeroed array in the module's memory, for a weight matrix: allocated once, at load. */
  alloc(length: number): Float32Array;
  addMatmul(a: Float32Array, rows: number, inner: number, wT: Float32Array, out: Float32Array): void;
}

const PAGE = 65_536;
/** Rows per kernel call; the scratch holds that many rows of the widest input (1,280) and output (768). */
const CHUNK_ROWS = 128;
const SCRATCH_BYTES = CHUNK_ROWS * (1280 + 768) * 4;

const uleb = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...uleb(n >>> 7)]);
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (s: string) => [s.length, ...new TextEncoder().encode(s)];

// (func $mm (param $a $rows $inner $w $cols $out i32) (local $r $j $k $kend $pa0-3 $pw0 $pw1 $o i32) (local $acc0-7 v128))
const [A, ROWS, INNER, W, COLS, OUT, R, J, K, KEND, PA0, PA1, PA2, PA3, PW0, PW1, O] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
] as const;
const ACC = 17;
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
/** i32.const of a small constant: below 64, signed LEB128 is one byte, the value itself. */
const i32 = (n: number) => {
  if (n < 0 || n > 63) throw new Error("simd-matmul: i32 constants here are 0..63");
  return [0x41, n];
};
const add = [0x6a];
const mul = [0x6c];
const times4 = [0x41, 2, 0x74]; // i32.shl 2
const loop = (...body: number[][]) => [0x03, 0x40, ...body.flat(), 0x0b];
const ltU = [0x49];
const gtU = [0x4b];
/** v128.load (base + k) */
const load = (base: number) => [...get(base), ...get(K), ...add, 0xfd, 0x00, 4, 0];
/** acc = f32x4.add(acc, f32x4.mul(x, w)) */
const fma = (acc: number, x: number[], w: number[]) => [
  ...get(acc),
  ...x,
  ...w,
  0xfd,
  0xe6,
  0x01,
  0xfd,
  0xe4,
  0x01,
  ...set(acc),
];
/** f32.store (o + offset) (f32.load (o + offset) + the four lanes of acc) */
function store(acc: number, offset: number[]): number[] {
  const address = [...get(O), ...offset, ...add];
  const lanes = [0, 1, 2, 3].flatMap((lane) => [...get(acc), 0xfd, 0x1f, lane, ...(lane > 0 ? [0x92] : [])]);
  return [...address, ...address, 0x2a, 2, 0, ...lanes, 0x92, 0x38, 2, 0];
}

/** while (r + step <= rows) { for each column pair j: sums over k of rows r..r+step-1 by columns j, j+1; r += step } */
function rowLoop(step: 1 | 4): number[] {
  const pas = [PA0, PA1, PA2, PA3].slice(0, step);
  const accs = Array.from({ length: step * 2 }, (_, i) => ACC + i);
  const rowPointers = pas.flatMap((pa, i) =>
    i === 0
      ? [...get(A), ...get(R), ...get(INNER), ...mul, ...times4, ...add, ...set(pa)]
      : [...get(pas[i - 1]!), ...get(INNER), ...times4, ...add, ...set(pa)],
  );
  const zero = accs.flatMap((acc) => [0xfd, 0x0c, ...new Array(16).fill(0), ...set(acc)]);
  const columnPointers = [
    ...[...get(W), ...get(J), ...get(INNER), ...mul, ...times4, ...add, ...set(PW0)],
    ...[...get(PW0), ...get(INNER), ...times4, ...add, ...set(PW1)],
  ];
  const sums = loop(
    pas.flatMap((pa, i) => [...fma(accs[2 * i]!, load(pa), load(PW0)), ...fma(accs[2 * i + 1]!, load(pa), load(PW1))]),
    [...get(K), ...i32(16), ...add, ...set(K)],
    [...get(K), ...get(KEND), ...ltU, 0x0d, 0],
  );
  const outPointer = [...get(OUT), ...get(R), ...get(COLS), ...mul, ...get(J), ...add, ...times4, ...add, ...set(O)];
  const stores = pas.flatMap((_, i) => {
    const row = i === 0 ? i32(0) : [...get(COLS), ...times4, ...i32(i), ...mul];
    return [...store(accs[2 * i]!, row), ...store(accs[2 * i + 1]!, [...row, ...i32(4), ...add])];
  });
  const columns = loop(
    zero,
    columnPointers,
    [...i32(0), ...set(K)],
    sums,
    outPointer,
    stores,
    [...get(J), ...i32(2), ...add, ...set(J)],
    [...get(J), ...get(COLS), ...ltU, 0x0d, 0],
  );
  const exit = [...get(R), ...i32(step), ...add, ...get(ROWS), ...gtU, 0x0d, 1];
  const next = [...get(R), ...i32(step), ...add, ...set(R), 0x0c, 0];
  return [0x02, 0x40, ...loop(exit, rowPointers, [...i32(0), ...set(J)], columns, next), 0x0b];
}

function moduleBytes(pages: number): Uint8Array {
  const locals = [2, 11, 0x7f, 8, 0x7b];
  const body = [...locals, ...get(INNER), ...times4, ...set(KEND), ...rowLoop(4), ...rowLoop(1), 0x0b];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 6, ...new Array(6).fill(0x7f), 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, ...uleb(pages)]),
    ...section(7, [2, ...name("mm"), 0x00, 0, ...name("memory"), 0x02, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

/** A kernel whose memory holds `weightFloats` floats of weights (fixed: the memory never grows, views stay valid). */
export function createMatmul(weightFloats: number): Matmul {
  const pages = Math.ceil((weightFloats * 4 + 2 * SCRATCH_BYTES) / PAGE) + 1;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes(pages)));
  const { mm, memory } = instance.exports as { mm: (...args: number[]) => void; memory: WebAssembly.Memory };
  const heap = new Float32Array(memory.buffer);
  const scratchOut = SCRATCH_BYTES / 4;
  let next = (2 * SCRATCH_BYTES) / 4;
  return {
    alloc(length) {
      if (next + length > heap.length) throw new Error("simd-matmul: weights exceed the memory reserved for them");
      const view = heap.subarray(next, next + length);
      next += Math.ceil(length / 4) * 4;
      return view;
    },
    addMatmul(a, rows, inner, wT, out) {
      if (wT.buffer !== memory.buffer) throw new Error("simd-matmul: weights must come from alloc()");
      const cols = wT.length / inner;
      for (let r = 0; r < rows; r += CHUNK_ROWS) {
        const n = Math.min(CHUNK_ROWS, rows - r);
        heap.set(a.subarray(r * inner, (r + n) * inner), 0);
        heap.set(out.subarray(r * cols, (r + n) * cols), scratchOut);
        mm(0, n, inner, wT.byteOffset, cols, scratchOut * 4);
        out.set(heap.subarray(scratchOut, scratchOut + n * cols), r * cols);
      }
    },
  };
}

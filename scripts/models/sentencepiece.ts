/** What the tokenizer needs from a sentencepiece ModelProto: the pieces in id order and the normalizer's charsmap. */
export interface SentencepieceModel {
  pieces: string[];
  scores: Float32Array;
  /** NormalizerSpec.precompiled_charsmap: a darts-clone trie and the replacement strings it points into. */
  charsmap: Uint8Array;
}

type Field = { number: number; wire: number; value: number; bytes?: Uint8Array };

function readVarint(data: Uint8Array, at: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = data[at++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, at];
    scale *= 128;
  }
}

/** The fields of one protobuf message; length-delimited ones keep their bytes, 32-bit ones their offset. */
function* fields(data: Uint8Array): Generator<Field> {
  let at = 0;
  while (at < data.length) {
    const [tag, next] = readVarint(data, at);
    at = next;
    const number = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) {
      const [value, after] = readVarint(data, at);
      at = after;
      yield { number, wire, value };
    } else if (wire === 1) {
      at += 8;
    } else if (wire === 2) {
      const [length, start] = readVarint(data, at);
      at = start + length;
      yield { number, wire, value: length, bytes: data.subarray(start, at) };
    } else if (wire === 5) {
      yield { number, wire, value: at };
      at += 4;
    } else {
      throw new Error(`sentencepiece model: unsupported protobuf wire type ${wire}`);
    }
  }
}

/** ModelProto: 1 = repeated SentencePiece {1 piece, 2 score}, 3 = NormalizerSpec {2 precompiled_charsmap}. */
export function readSentencepieceModel(data: Uint8Array): SentencepieceModel {
  const pieces: string[] = [];
  const scores: number[] = [];
  let charsmap: Uint8Array | undefined;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (const field of fields(data)) {
    if (field.number === 1 && field.bytes) {
      let piece: string | undefined;
      let score = 0;
      for (const inner of fields(field.bytes)) {
        if (inner.number === 1 && inner.bytes) piece = decoder.decode(inner.bytes);
        if (inner.number === 2 && inner.wire === 5) {
          score = new DataView(field.bytes.buffer, field.bytes.byteOffset).getFloat32(inner.value, true);
        }
      }
      if (piece === undefined) continue;
      pieces.push(piece);
      scores.push(score);
    } else if (field.number === 3 && field.bytes && !charsmap) {
      for (const inner of fields(field.bytes)) if (inner.number === 2 && inner.bytes) charsmap = inner.bytes;
    }
  }
  if (pieces.length === 0 || !charsmap) throw new Error("sentencepiece model: no pieces or no precompiled charsmap");
  return { pieces, scores: Float32Array.from(scores), charsmap };
}

import { inflateRawSync } from "node:zlib";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/**
 * The members of a zip archive (a wheel, an .npz) by name, read from its central directory. Only what those
 * archives use: stored or deflated members, no zip64, no encryption.
 */
export function readZip(archive: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  let end = archive.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY) end--;
  if (end < 0) throw new Error("not a zip archive: no end of central directory");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const members = new Map<string, Uint8Array>();
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== CENTRAL_ENTRY) throw new Error("corrupt zip central directory");
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = decoder.decode(archive.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;

    if (view.getUint32(localOffset, true) !== LOCAL_HEADER) throw new Error(`corrupt zip member ${name}`);
    const dataStart =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const raw = archive.subarray(dataStart, dataStart + compressedSize);
    const data = method === 0 ? raw : method === 8 ? new Uint8Array(inflateRawSync(raw)) : undefined;
    if (!data) throw new Error(`zip member ${name}: compression method ${method} is not supported`);
    if (data.length !== size) throw new Error(`zip member ${name}: ${data.length} bytes, expected ${size}`);
    members.set(name, data);
  }
  return members;
}

export interface NpyArray {
  dtype: string;
  shape: number[];
  /** The array's bytes in C order, little-endian as the file stores them. */
  data: Uint8Array;
}

/** One .npy member (format 1.0 or 2.0, C order). */
export function readNpy(file: Uint8Array): NpyArray {
  if (file[0] !== 0x93 || String.fromCharCode(...file.subarray(1, 6)) !== "NUMPY") throw new Error("not an .npy file");
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const major = file[6];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(file.subarray(headerStart, headerStart + headerLength));
  const dtype = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!dtype || shapeText === undefined || /'fortran_order':\s*True/.test(header)) {
    throw new Error(`unsupported .npy header: ${header}`);
  }
  const shape = shapeText
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  return { dtype, shape, data: file.subarray(headerStart + headerLength) };
}

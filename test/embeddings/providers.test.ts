import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ConfigError, loadConfig } from "../../src/config";
import { createHashingProvider, HASHING_MODEL_ID, hashEmbedding } from "../../src/platform/embeddings/hashing";
import { createLocalProvider, LOCAL_MODEL_ID } from "../../src/platform/embeddings/local";
import { normalizeForEmbedding } from "../../src/platform/embeddings/normalize";
import { createOpenAiProvider } from "../../src/platform/embeddings/openai";
import { createEmbeddingProvider } from "../../src/platform/embeddings/provider";
import { USE_MULTILINGUAL_MODEL_ID } from "../../src/platform/embeddings/use-multilingual/files";

const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
const norm = (v: number[]) => Math.sqrt(dot(v, v));

describe("normalisation", () => {
  test("lower-cases, applies NFKC, collapses spaces and replaces blank text", () => {
    expect(normalizeForEmbedding("  ＶＡＬＯＲＡＮＴ\tClutch  ")).toBe("valorant clutch");
    expect(normalizeForEmbedding("")).toBe("untitled");
    expect(normalizeForEmbedding(" \n ")).toBe("untitled");
  });
});

describe("hashing provider", () => {
  test("is deterministic, 512-d, unit length and case-insensitive", async () => {
    const provider = createHashingProvider();
    expect(provider.model).toBe(HASHING_MODEL_ID);
    const [a, b, c] = await provider.embed(["Insane clutch in Valorant", "insane clutch in valorant", "cooking"]);
    expect(a).toHaveLength(512);
    expect(norm(a!)).toBeCloseTo(1, 6);
    expect(a).toEqual(b!);
    expect(hashEmbedding("Insane clutch in Valorant")).toEqual(a!);
    expect(dot(a!, c!)).toBeLessThan(0.5);
  });

  test("shared words score higher than unrelated text; empty and symbol-only texts stay finite", async () => {
    const [q, near, far, empty, symbols] = await createHashingProvider().embed([
      "valorant ace",
      "valorant ace round",
      "minecraft speedrun",
      "",
      "!!!",
    ]);
    expect(dot(q!, near!)).toBeGreaterThan(dot(q!, far!));
    for (const v of [empty!, symbols!]) {
      expect(v).toHaveLength(512);
      expect(norm(v)).toBeCloseTo(1, 6);
    }
  });
});

describe("config", () => {
  test("EMBEDDING_PROVIDER defaults to USE multilingual v3", () => {
    const config = loadConfig({ NODE_ENV: "test" });
    expect(config.embeddings.provider).toBe("use-multilingual");
    expect(createEmbeddingProvider(config.embeddings).model).toBe(USE_MULTILINGUAL_MODEL_ID);
    expect(createEmbeddingProvider({ ...config.embeddings, provider: "local" }).model).toBe(LOCAL_MODEL_ID);
    expect(config.hybridSearch).toMatchObject({ enabled: true, rrfK: 60, bm25Depth: 100, vectorDepth: 100 });
    expect(config.embeddings.threads).toBe(1);
  });

  test("EMBEDDING_THREADS is an integer in 1..16", () => {
    expect(loadConfig({ NODE_ENV: "test", EMBEDDING_THREADS: "4" }).embeddings.threads).toBe(4);
    for (const bad of ["0", "17", "1.5", "many"]) {
      expect(() => loadConfig({ NODE_ENV: "test", EMBEDDING_THREADS: bad })).toThrow(/EMBEDDING_THREADS/);
    }
  });

  test("the openai provider requires a URL and a model", () => {
    expect(() => loadConfig({ NODE_ENV: "test", EMBEDDING_PROVIDER: "openai" })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ NODE_ENV: "test", EMBEDDING_PROVIDER: "openai", EMBEDDING_API_URL: "http://127.0.0.1:1/v1" }),
    ).toThrow(/EMBEDDING_MODEL/);
    const config = loadConfig({
      NODE_ENV: "test",
      EMBEDDING_PROVIDER: "openai",
      EMBEDDING_API_URL: "http://127.0.0.1:1/v1/embeddings",
      EMBEDDING_MODEL: "text-embedding-3-small",
    });
    expect(createEmbeddingProvider(config.embeddings).model).toBe("text-embedding-3-small");
  });
});

describe("openai-compatible provider", () => {
  let server: ReturnType<typeof Bun.serve>;
  const requests: { auth: string | null; body: { model: string; input: string[]; dimensions: number } }[] = [];
  const vector = (dims: number) => Array.from({ length: dims }, (_, i) => (i === 0 ? 1 : 0));

  beforeAll(() => {
    server = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      async fetch(req) {
        const path = new URL(req.url).pathname;
        const body = (await req.json()) as (typeof requests)[number]["body"];
        requests.push({ auth: req.headers.get("authorization"), body });
        if (path === "/slow") await Bun.sleep(1000);
        if (path === "/error") return new Response("overloaded", { status: 503 });
        if (path === "/garbage") return Response.json({ nope: true });
        const dims = path === "/wrong-dims" ? 1536 : 512;
        // Out of order on purpose: results must be placed by `index`.
        const data = body.input.map((_: string, index: number) => ({ index, embedding: vector(dims) })).reverse();
        return Response.json({ object: "list", data });
      },
    });
  });
  afterAll(() => server.stop(true));

  const provider = (path: string, timeoutMs = 2000) =>
    createOpenAiProvider({
      url: `http://127.0.0.1:${server.port}${path}`,
      apiKey: "sk-test",
      model: "text-embedding-3-small",
      timeoutMs,
    });

  test("sends model, normalised input and dimensions 512; returns one vector per text", async () => {
    const vectors = await provider("/ok").embed(["Hello World", ""]);
    expect(vectors).toHaveLength(2);
    expect(vectors[0]).toHaveLength(512);
    expect(requests.at(-1)).toEqual({
      auth: "Bearer sk-test",
      body: { model: "text-embedding-3-small", input: ["hello world", "untitled"], dimensions: 512 },
    });
  });

  test("batches large inputs", async () => {
    const before = requests.length;
    const vectors = await provider("/ok").embed(Array.from({ length: 250 }, (_, i) => `title ${i}`));
    expect(vectors).toHaveLength(250);
    expect(requests.length - before).toBe(3);
  });

  test("vectors that are not 512-d are an error", async () => {
    await expect(provider("/wrong-dims").embed(["x"])).rejects.toThrow(/1536 dimensions/);
  });

  test("a slow endpoint times out", async () => {
    await expect(provider("/slow", 150).embed(["x"])).rejects.toThrow();
  });

  test("an error status or an unexpected body is an error", async () => {
    await expect(provider("/error").embed(["x"])).rejects.toThrow(/503/);
    await expect(provider("/garbage").embed(["x"])).rejects.toThrow(/unexpected body/);
  });
});

describe("local USE-lite provider (real model, offline)", () => {
  test("512-d unit vectors; a paraphrase scores above an unrelated pair; case does not matter", async () => {
    const provider = createLocalProvider({ threads: 1 });
    expect(provider.model).toBe(LOCAL_MODEL_ID);
    const [clutch, oneTap, pasta, upper, empty] = await provider.embed([
      "insane headshot clutch in valorant",
      "crazy valorant one tap",
      "cooking pasta stream",
      "INSANE HEADSHOT CLUTCH IN VALORANT",
      "",
    ]);
    expect(clutch).toHaveLength(512);
    expect(norm(clutch!)).toBeCloseTo(1, 3);
    expect(dot(clutch!, oneTap!)).toBeGreaterThan(dot(clutch!, pasta!) + 0.1);
    expect(dot(clutch!, upper!)).toBeCloseTo(1, 4);
    expect(empty).toHaveLength(512);
  });
});

describe("local provider with two model threads (real model)", () => {
  const texts = Array.from(
    { length: 20 },
    (_, i) => `clip ${i}: ${["ace", "clutch", "fail", "speedrun"][i % 4]} moment`,
  );
  const expectSame = (actual: number[][], expected: number[][]) => {
    expect(actual).toHaveLength(expected.length);
    for (const [i, vector] of actual.entries()) {
      for (const [d, v] of vector.entries()) expect(Math.abs(v - expected[i]![d]!)).toBeLessThan(1e-5);
    }
  };

  test("a call split across the threads and concurrent single calls come back in order", async () => {
    const reference = await createLocalProvider({ threads: 1 }).embed(texts);
    const pool = createLocalProvider({ threads: 2 });
    expectSame(await pool.embed(texts), reference);
    const singles = await Promise.all(texts.map((text) => pool.embed([text])));
    expectSame(
      singles.map(([v]) => v!),
      reference,
    );
  });
});

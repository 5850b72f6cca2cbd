/**
 * The local models side by side (and the hashing provider, no model, as the baseline), each in a fresh process of
 * its own: `bun run bench:embeddings --models [--reps N]` (scripts/bench/embeddings.ts). Per model: load (thread
 * start, weights, first vector), one query at a time, titles in batches of 100, and the process's RSS after loading
 * and after embedding 1,000 titles. Run as `bun scripts/bench/embedding-models.ts <provider>`, it measures that
 * provider and prints one JSON line.
 */
import { loadConfig } from "../../src/config";
import { createEmbeddingProvider } from "../../src/platform/embeddings/provider";

const MODELS = ["hashing", "local", "use-multilingual"] as const;
type Provider = (typeof MODELS)[number];

export interface ModelFigures {
  provider: Provider;
  model: string;
  loadMs: number;
  queryMs: number;
  batchMsPerTitle: number;
  rssAfterLoadMb: number;
  rssAfter1000Mb: number;
}

const WORDS = ["insane", "clutch", "ace", "fail", "speedrun", "one tap", "1v5", "overtime", "funny", "rage"];
const PLACES = ["in valorant", "on dust2", "en la final", "no último round", "最後のラウンド", "in der Verlängerung"];
/** Distinct stream-clip titles in several languages, the same for every model. */
const titles = (count: number, seed: number) =>
  Array.from({ length: count }, (_, i) => {
    const n = i + seed * 10_000;
    return `${WORDS[n % WORDS.length]} ${WORDS[(n * 7 + 3) % WORDS.length]} ${PLACES[n % PLACES.length]} #${n}`;
  });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

async function measure(provider: Provider): Promise<ModelFigures> {
  const config = loadConfig({ NODE_ENV: "development", EMBEDDING_PROVIDER: provider, EMBEDDING_THREADS: "1" });
  const embeddings = createEmbeddingProvider(config.embeddings);
  let started = performance.now();
  await embeddings.embed(["warm up"]);
  const loadMs = performance.now() - started;
  const rssAfterLoadMb = rssMb();
  const queries: number[] = [];
  for (const query of titles(40, 1)) {
    started = performance.now();
    await embeddings.embed([query]);
    queries.push(performance.now() - started);
  }
  const batches: number[] = [];
  for (let i = 0; i < 10; i++) {
    const batch = titles(100, 2 + i);
    started = performance.now();
    await embeddings.embed(batch);
    batches.push((performance.now() - started) / batch.length);
  }
  return {
    provider,
    model: embeddings.model,
    loadMs: Math.round(loadMs),
    queryMs: median(queries),
    batchMsPerTitle: median(batches),
    rssAfterLoadMb,
    rssAfter1000Mb: rssMb(),
  };
}

/** Each model `reps` times, alternating, every run in a new process; a markdown table of the runs. */
export async function compareEmbeddingModels(reps: number): Promise<string> {
  const runs: ModelFigures[] = [];
  for (let rep = 0; rep < reps; rep++) {
    for (const provider of MODELS) {
      const child = Bun.spawn([process.execPath, "run", import.meta.path, provider], {
        stdout: "pipe",
        stderr: "inherit",
      });
      const out = await new Response(child.stdout).text();
      if ((await child.exited) !== 0) throw new Error(`measuring ${provider} failed`);
      runs.push(JSON.parse(out.trim().split("\n").at(-1)!) as ModelFigures);
    }
  }
  const rows = runs.map(
    (r) =>
      `| ${r.model} | ${r.loadMs} | ${r.queryMs.toFixed(1)} | ${r.batchMsPerTitle.toFixed(2)} | ${r.rssAfterLoadMb} | ${r.rssAfter1000Mb} |`,
  );
  return [
    "| model | load (ms) | one query (ms, median of 40) | per title, batches of 100 (ms, median of 10) | RSS after load (MB) | RSS after 1,000 titles (MB) |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
  ].join("\n");
}

if (import.meta.main) {
  const provider = process.argv[2] as Provider;
  if (!MODELS.includes(provider)) throw new Error(`usage: embedding-models.ts ${MODELS.join("|")}`);
  console.log(JSON.stringify(await measure(provider)));
  process.exit(0);
}

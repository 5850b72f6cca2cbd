import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config";
import { connectDatabase } from "../src/db/connect";
import { countClipsToEmbed, embedClips, findClipsToEmbed } from "../src/platform/embeddings/clip-embeddings";
import { clipVectorModel } from "../src/platform/embeddings/clip-vectors";
import { createEmbeddingProvider } from "../src/platform/embeddings/provider";
import { createLogger } from "../src/platform/logger";
import { createProgressBar } from "../src/seed/progress";

const USAGE = `usage: bun run backfill-embeddings [--batch N] [--force] [--reset]
  --batch N  clips per embedding call and write (default 64, max 1024)
  --force    re-embed every clip, not only those without a vector from the configured model and recipe
  --reset    forget the checkpoint and start from the first clip`;

interface Checkpoint {
  model: string;
  force: boolean;
  lastId: string;
}

function batchSize(value: string | undefined): number {
  const n = Number(value ?? 64);
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new Error(`--batch must be an integer in 1..1024\n${USAGE}`);
  return n;
}

/** The checkpoint only applies to the same model and mode; anything else starts over. */
function readCheckpoint(path: string, model: string, force: boolean): string | undefined {
  try {
    const saved = JSON.parse(readFileSync(path, "utf8")) as Checkpoint;
    return saved.model === model && saved.force === force ? saved.lastId : undefined;
  } catch {
    return undefined;
  }
}

function writeCheckpoint(path: string, checkpoint: Checkpoint) {
  writeFileSync(`${path}.tmp`, JSON.stringify(checkpoint));
  renameSync(`${path}.tmp`, path);
}

async function main() {
  const { values } = parseArgs({
    options: {
      batch: { type: "string" },
      force: { type: "boolean", default: false },
      reset: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const batch = batchSize(values.batch);
  const force = values.force;

  const config = loadConfig();
  const provider = createEmbeddingProvider(config.embeddings);
  const model = clipVectorModel(provider);
  mkdirSync(config.database.dataDir, { recursive: true });
  const checkpointPath = join(config.database.dataDir, "backfill-embeddings.json");
  if (values.reset) rmSync(checkpointPath, { force: true });
  const database = await connectDatabase(config, createLogger(config));
  try {
    let afterId = readCheckpoint(checkpointPath, model, force);
    if (afterId) console.error(`resuming after clip ${afterId} (--reset to start over)`);
    const total = await countClipsToEmbed(database.db, model, { afterId, force });
    // Loading the model (a few seconds per thread) is start-up, not throughput.
    const loadStarted = performance.now();
    if (total > 0) await provider.embed(["warm up"]);
    if (total > 0) console.error(`model ready in ${((performance.now() - loadStarted) / 1000).toFixed(1)}s`);
    const progress = createProgressBar(total, `embedding (${model})`);
    const started = performance.now();
    let done = 0;
    progress.update(0);
    // Two batches in flight: one is read and written while the model works on the other. The checkpoint only
    // moves past a batch once every batch before it is stored too, so a crash never skips clips.
    let inFlight: Promise<void> = Promise.resolve();
    while (done < total) {
      const ids = await findClipsToEmbed(database.db, model, { afterId, force, limit: batch });
      if (ids.length === 0) break;
      afterId = ids.at(-1)!;
      const lastId = afterId;
      const previous = inFlight;
      // One statement per batch: a running API only ever waits for a short write.
      const stored = embedClips(database.db, provider, ids);
      inFlight = Promise.all([stored, previous]).then(() => {
        writeCheckpoint(checkpointPath, { model, force, lastId });
        done += ids.length;
        progress.update(done);
      });
      // A failure surfaces when the batch is awaited (below, or next turn), not as an unhandled rejection before.
      inFlight.catch(() => {});
      await previous;
    }
    await inFlight;
    progress.finish();
    rmSync(checkpointPath, { force: true });
    const seconds = (performance.now() - started) / 1000;
    const rate = done / Math.max(seconds, 1e-3);
    console.log(`embedded ${done} clips with ${model} in ${seconds.toFixed(1)}s (${rate.toFixed(1)} clips/s)`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});

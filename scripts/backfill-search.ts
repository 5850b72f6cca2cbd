import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config";
import { connectDatabase } from "../src/db/connect";
import {
  catchUp,
  copyToIndex,
  countSource,
  deleteFromIndex,
  diffIds,
  outboxHighWater,
  scanIndex,
  sourceIds,
} from "../src/modules/search/opensearch-sync";
import { createLogger } from "../src/platform/logger";
import { createOsClient } from "../src/platform/search/opensearch-client";
import { aliasFor, ensureIndices, INDEX_KINDS, type IndexKind } from "../src/platform/search/opensearch-indices";
import { createProgressBar } from "../src/seed/progress";

const USAGE = `usage: bun run backfill-search [--batch N] [--parallel N] [--only KIND] [--reset]
  --batch N    documents per bulk request (default 1000, max 10000)
  --parallel N bulk requests in flight (default 4, max 16)
  --only KIND  one of ${INDEX_KINDS.join(", ")} (default: all)
  --reset      forget the checkpoint and start from the first row
Writes through the alias, so it is safe while the API and workers run; rerun it to resume after an interruption.`;

/** Where each kind got to, plus the outbox id at the very start (changes after it are re-synced at the end). */
interface Checkpoint {
  prefix: string;
  outboxMark: number;
  lastIds: Partial<Record<IndexKind, string>>;
}

function readCheckpoint(path: string, prefix: string): Checkpoint | undefined {
  try {
    const saved = JSON.parse(readFileSync(path, "utf8")) as Checkpoint;
    return saved.prefix === prefix ? saved : undefined;
  } catch {
    return undefined;
  }
}

function writeCheckpoint(path: string, checkpoint: Checkpoint) {
  writeFileSync(`${path}.tmp`, JSON.stringify(checkpoint));
  renameSync(`${path}.tmp`, path);
}

function options() {
  const { values } = parseArgs({
    options: {
      batch: { type: "string" },
      parallel: { type: "string" },
      only: { type: "string" },
      reset: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  const batch = Number(values.batch ?? 1000);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new Error(`--batch must be 1..10000\n${USAGE}`);
  const parallel = Number(values.parallel ?? 4);
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 16)
    throw new Error(`--parallel must be 1..16\n${USAGE}`);
  const only = values.only as IndexKind | undefined;
  if (only && !INDEX_KINDS.includes(only)) throw new Error(`--only must be one of ${INDEX_KINDS.join(", ")}\n${USAGE}`);
  return { batch, parallel, kinds: only ? [only] : [...INDEX_KINDS], reset: values.reset, help: values.help };
}

async function main() {
  const opts = options();
  if (opts.help) return void console.log(USAGE);
  const config = loadConfig();
  if (!config.opensearch.url) throw new Error("OPENSEARCH_URL is not set: there is no index to fill");
  const client = createOsClient({ ...config.opensearch, url: config.opensearch.url });
  mkdirSync(config.database.dataDir, { recursive: true });
  const checkpointPath = join(config.database.dataDir, "backfill-search.json");
  if (opts.reset) rmSync(checkpointPath, { force: true });
  const database = await connectDatabase(config, createLogger(config));
  const db = database.db;
  try {
    await ensureIndices(client);
    const prefix = config.opensearch.indexPrefix;
    const checkpoint = readCheckpoint(checkpointPath, prefix) ?? {
      prefix,
      outboxMark: await outboxHighWater(db),
      lastIds: {},
    };
    if (Object.keys(checkpoint.lastIds).length) console.error("resuming from the checkpoint (--reset to start over)");
    for (const kind of opts.kinds) {
      const index = aliasFor(client, kind);
      const progress = createProgressBar(await countSource(db, kind), `${kind.padEnd(8)}`);
      const started = performance.now();
      let done = 0;
      progress.update(0);
      const written = await copyToIndex(db, client, {
        kind,
        index,
        batch: opts.batch,
        parallel: opts.parallel,
        after: checkpoint.lastIds[kind],
        onBatch: (lastId, n) => {
          checkpoint.lastIds[kind] = lastId;
          writeCheckpoint(checkpointPath, checkpoint);
          done += n;
          progress.update(done);
        },
      });
      progress.finish();
      const seconds = (performance.now() - started) / 1000;
      const resynced = await catchUp(db, client, kind, index, checkpoint.outboxMark);
      // Rows that stopped being searchable while the index was not being fed.
      const { extra } = diffIds(await sourceIds(db, kind), await scanIndex(client, index, false), false);
      await deleteFromIndex(client, index, extra);
      const rate = Math.round(written / Math.max(seconds, 1e-3));
      console.log(
        `${kind}: ${written} indexed in ${seconds.toFixed(1)}s (${rate} docs/s), ${resynced} re-synced, ${extra.length} stale removed`,
      );
    }
    rmSync(checkpointPath, { force: true });
  } finally {
    await client.close();
    await database.close();
  }
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});

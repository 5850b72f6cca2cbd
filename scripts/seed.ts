import { parseArgs } from "node:util";
import { loadConfig } from "../src/config";
import { connectDatabase } from "../src/db/connect";
import { createLogger } from "../src/platform/logger";
import { createDataset, defaultUserCount } from "../src/seed/dataset";
import { hasData, insertDataset, truncateAppTables } from "../src/seed/insert";
import { createProgressBar } from "../src/seed/progress";

const USAGE = "usage: bun run seed [--clips N] [--users N] [--seed S] [--reset]";

function count(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer\n${USAGE}`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      clips: { type: "string" },
      users: { type: "string" },
      seed: { type: "string" },
      reset: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const clips = count(values.clips, 2000, "clips");
  const users = count(values.users, defaultUserCount(clips), "users");
  const seed = count(values.seed, 42, "seed");

  const config = loadConfig();
  const logger = createLogger(config);
  const database = await connectDatabase(config, logger);
  try {
    if (await hasData(database.db)) {
      if (!values.reset)
        throw new Error("the database already has data; pass --reset to truncate the app tables first");
      await truncateAppTables(database.db);
      console.error("truncated the app tables");
    }
    const started = performance.now();
    const progress = createProgressBar(clips, "seeding clips");
    const dataset = createDataset({ clips, users, seed });
    const counts = await insertDataset(database.db, dataset, {
      chunkSize: 1000,
      concurrency: database.kind === "postgres" ? Math.min(4, config.database.poolSize) : 1,
      onProgress: (done) => progress.update(done),
    });
    progress.finish();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const summary = Object.entries(counts).map(([table, n]) => `${table}=${n}`);
    console.log(`seeded ${database.kind} (seed ${seed}) in ${seconds}s: ${summary.join(" ")}`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});

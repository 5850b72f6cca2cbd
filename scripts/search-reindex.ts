import { parseArgs } from "node:util";
import { loadConfig } from "../src/config";
import { connectDatabase } from "../src/db/connect";
import { catchUp, copyToIndex, countSource, outboxHighWater } from "../src/modules/search/opensearch-sync";
import { createLogger } from "../src/platform/logger";
import { createOsClient } from "../src/platform/search/opensearch-client";
import { createNextIndex, INDEX_KINDS, type IndexKind, swapAlias } from "../src/platform/search/opensearch-indices";
import { createProgressBar } from "../src/seed/progress";

const USAGE = `usage: bun run search-reindex [--only KIND] [--batch N]
Builds the next index version (<alias>_v<n+1>) from the mapping in code, fills it from Postgres, swaps the alias in
one atomic call and deletes the old version. Searches keep hitting the old index until the swap: zero downtime.
  --only KIND  one of ${INDEX_KINDS.join(", ")} (default: all)
  --batch N    documents per bulk request (default 1000)`;

async function main() {
  const { values } = parseArgs({
    options: { only: { type: "string" }, batch: { type: "string" }, help: { type: "boolean", default: false } },
  });
  if (values.help) return void console.log(USAGE);
  const only = values.only as IndexKind | undefined;
  if (only && !INDEX_KINDS.includes(only)) throw new Error(`--only must be one of ${INDEX_KINDS.join(", ")}\n${USAGE}`);
  const batch = Number(values.batch ?? 1000);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new Error(`--batch must be 1..10000\n${USAGE}`);
  const config = loadConfig();
  if (!config.opensearch.url) throw new Error("OPENSEARCH_URL is not set: there is no index to rebuild");
  const client = createOsClient({ ...config.opensearch, url: config.opensearch.url });
  const database = await connectDatabase(config, createLogger(config));
  const db = database.db;
  try {
    for (const kind of only ? [only] : INDEX_KINDS) {
      const mark = await outboxHighWater(db);
      const next = await createNextIndex(client, kind, false);
      // A fresh, unsearched index: no refreshes while loading, one at the end.
      await setRefresh(client, next, "-1");
      const progress = createProgressBar(await countSource(db, kind), `${next}`);
      let done = 0;
      await copyToIndex(db, client, {
        kind,
        index: next,
        batch,
        onBatch: (_, n) => {
          done += n;
          progress.update(done);
        },
      });
      progress.finish();
      await setRefresh(client, next, null);
      await client.request({ method: "POST", path: `/${next}/_refresh` });
      const previous = await swapAlias(client, kind, next);
      // The pipeline wrote changes made during the copy to the old index; replay them into the new one.
      const resynced = await catchUp(db, client, kind, next, mark);
      console.log(`${kind}: ${previous ?? "(none)"} → ${next}, ${done} documents, ${resynced} re-synced`);
    }
  } finally {
    await client.close();
    await database.close();
  }
}

function setRefresh(client: ReturnType<typeof createOsClient>, index: string, value: string | null) {
  return client.request({ method: "PUT", path: `/${index}/_settings`, body: { index: { refresh_interval: value } } });
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});

import { parseArgs } from "node:util";
import { loadConfig } from "../src/config";
import { connectDatabase } from "../src/db/connect";
import { diffIds, scanIndex, sourceIds } from "../src/modules/search/opensearch-sync";
import { createLogger } from "../src/platform/logger";
import { createOsClient } from "../src/platform/search/opensearch-client";
import { aliasFor, INDEX_KINDS, refreshIndices } from "../src/platform/search/opensearch-indices";

const USAGE = `usage: bun run search-consistency [--show N]
Compares what Postgres says is searchable with what the OpenSearch indices hold, id by id:
missing (should be indexed), extra (should not be), stale (clips whose vote_score differs).
  --show N  ids to print per list (default 20)
Exit status 0 when everything is in sync, 1 otherwise.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { show: { type: "string" }, help: { type: "boolean", default: false } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const show = Number(values.show ?? 20);
  if (!Number.isInteger(show) || show < 0) throw new Error(`--show must be a non-negative integer\n${USAGE}`);
  const config = loadConfig();
  if (!config.opensearch.url) throw new Error("OPENSEARCH_URL is not set: there is no index to check");
  const client = createOsClient({ ...config.opensearch, url: config.opensearch.url });
  const database = await connectDatabase(config, createLogger(config));
  let differences = 0;
  try {
    await refreshIndices(client);
    for (const kind of INDEX_KINDS) {
      const isClips = kind === "clips";
      const [source, indexed] = await Promise.all([
        sourceIds(database.db, kind),
        scanIndex(client, aliasFor(client, kind), isClips),
      ]);
      const diff = diffIds(source, indexed, isClips);
      differences += diff.missing.length + diff.extra.length + diff.stale.length;
      const stale = isClips ? `, ${diff.stale.length} stale vote_score` : "";
      console.log(
        `${kind}: ${source.size} in postgres, ${indexed.size} indexed: ${diff.missing.length} missing, ${diff.extra.length} extra${stale}`,
      );
      for (const [label, ids] of Object.entries(diff)) {
        if (ids.length && show > 0)
          console.log(`  ${label}: ${ids.slice(0, show).join(" ")}${ids.length > show ? " …" : ""}`);
      }
    }
  } finally {
    await client.close();
    await database.close();
  }
  console.log(differences === 0 ? "in sync" : `${differences} difference(s)`);
  return differences === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error((err as Error).message);
    process.exit(2);
  },
);

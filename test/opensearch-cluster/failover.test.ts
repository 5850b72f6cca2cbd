import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { createOpenSearchEngine } from "../../src/modules/search/opensearch-engine";
import type { SearchDocument } from "../../src/platform/search/opensearch-bulk";
import { bulkWrite } from "../../src/platform/search/opensearch-bulk";
import { createOsClient, type OsClient } from "../../src/platform/search/opensearch-client";
import { aliasFor, currentIndex, deleteIndices, ensureIndices } from "../../src/platform/search/opensearch-indices";
import { eventually, testIndexPrefix } from "../search-opensearch/support";
import { openSearchRequest } from "../support/opensearch";

// A cluster from `OPENSEARCH_NODES=3 bash scripts/opensearch/start-cluster.sh`, whose last line is the value of
// TEST_OPENSEARCH_CLUSTER_URLS; skipped, visibly, without it. One node is killed (SIGKILL) and started again.
const urls = (process.env.TEST_OPENSEARCH_CLUSTER_URLS ?? "").split(",").filter((u) => u.trim());
const startScript = join(import.meta.dir, "../../scripts/opensearch/start-cluster.sh");
const os = (method: string, path: string, body?: unknown) => openSearchRequest(urls[0]!, method, path, body);

function clipDoc(i: number, title: string): SearchDocument {
  const at = new Date(Date.now() - i * 60_000).toISOString();
  return {
    id: randomUUID(),
    title: `${title} ${i}`,
    broadcaster_name: "cluster_streamer",
    creator_name: "cluster_clipper",
    game_name: "VALORANT",
    game_id: "516575",
    broadcaster_id: "2002",
    creator_id: "1001",
    language: "en",
    created_at: at,
    submitted_at: at,
    vote_score: i % 17,
    view_count: i * 3,
    comment_count: 0,
    favorite_count: 0,
    is_nsfw: false,
    tags: [],
    tag_labels: [],
  };
}

describe.skipIf(urls.length < 2)("OpenSearch cluster (TEST_OPENSEARCH_CLUSTER_URLS)", () => {
  let client: OsClient;
  let index: string;
  const engine = () => createOpenSearchEngine(client);
  const count = async (q: string) =>
    (await engine().searchClips({ q, filters: {}, sort: "relevance", page: { offset: 0, limit: 5 }, facets: false }))
      .total;

  beforeAll(async () => {
    const config = loadConfig({
      NODE_ENV: "test",
      OPENSEARCH_URL: urls.join(","),
      OPENSEARCH_INDEX_PREFIX: testIndexPrefix(),
      OPENSEARCH_SHARDS: "2",
      OPENSEARCH_REPLICAS: "1",
      OPENSEARCH_TIMEOUT_MS: "10000",
    });
    client = createOsClient({ ...config.opensearch, url: config.opensearch.url! });
    await ensureIndices(client);
    index = (await currentIndex(client, "clips"))!;
  });
  afterAll(async () => {
    await deleteIndices(client).catch(() => {});
    await client.close();
  });

  test("the clips index has 2 shards with 1 replica each, spread over the nodes", async () => {
    const health = await os("GET", `/_cluster/health/${index}?wait_for_status=green&timeout=30s`);
    expect(health.body.status).toBe("green");
    expect(health.body.number_of_nodes).toBe(urls.length);
    expect(health.body.active_primary_shards).toBe(2);
    expect(health.body.active_shards).toBe(4);
    const shards = await os("GET", `/_cat/shards/${index}?format=json`);
    expect(new Set(shards.body.map((s: { node: string }) => s.node)).size).toBeGreaterThan(1);
  });

  test("bulk indexing and search keep working while a node is down, and it rejoins", async () => {
    const docs = Array.from({ length: 300 }, (_, i) => clipDoc(i, "Ace clutch"));
    await bulkWrite(client, { index: aliasFor(client, "clips"), upserts: docs, refresh: true, timeoutMs: 30_000 });
    expect(await count("clutch")).toBe(300);

    // Kill a node that is not the elected manager, so the test does not wait out an election.
    const manager = (await os("GET", "/_cat/cluster_manager?format=json")).body[0].node as string;
    const nodes = (await os("GET", "/_nodes/process")).body.nodes as Record<
      string,
      { name: string; process: { id: number } }
    >;
    const victim = Object.values(nodes).find((n) => n.name !== manager)!;
    process.kill(victim.process.id, "SIGKILL");
    try {
      await eventually(async () => {
        const health = await os("GET", "/_cluster/health");
        expect(health.body.number_of_nodes).toBe(urls.length - 1);
      }, 60_000);

      // Every node URL is still in the client's list: requests to the dead one move on to a live node.
      for (let i = 0; i < urls.length * 2; i++) expect(await count("clutch")).toBe(300);
      const more = Array.from({ length: 50 }, (_, i) => clipDoc(i, "Ninja defuse"));
      await bulkWrite(client, { index: aliasFor(client, "clips"), upserts: more, refresh: true, timeoutMs: 30_000 });
      expect(await count("defuse")).toBe(50);
      expect(await count("clutch")).toBe(300);
    } finally {
      const restart = Bun.spawnSync(["bash", startScript], {
        env: { ...process.env, OPENSEARCH_NODES: String(urls.length), OPENSEARCH_CLUSTER_PORT: new URL(urls[0]!).port },
      });
      expect(restart.exitCode).toBe(0);
    }
    const health = await os("GET", `/_cluster/health/${index}?wait_for_status=green&timeout=60s`);
    expect(health.body.status).toBe("green");
    expect(health.body.number_of_nodes).toBe(urls.length);
    expect(await count("defuse")).toBe(50);
  }, 180_000);
});

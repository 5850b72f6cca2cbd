import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { openSearchRequest, openSearchTestUrl, uniqueIndexName } from "./support/opensearch";

// Checks the real node from scripts/opensearch/start.sh serves what the search engine relies on
// (analysis-common, reindex, painless modules); skipped, visibly, when TEST_OPENSEARCH_URL is unset.
const url = openSearchTestUrl();
const os = (method: string, path: string, body?: unknown) => openSearchRequest(url!, method, path, body);

const INDEX_SETTINGS = {
  settings: {
    number_of_shards: 1,
    number_of_replicas: 0,
    analysis: {
      filter: { prefix_grams: { type: "edge_ngram", min_gram: 2, max_gram: 15 } },
      analyzer: { autocomplete: { type: "custom", tokenizer: "standard", filter: ["lowercase", "prefix_grams"] } },
    },
  },
  mappings: {
    properties: {
      title: {
        type: "text",
        analyzer: "english",
        fields: { prefix: { type: "text", analyzer: "autocomplete", search_analyzer: "standard" } },
      },
      creator: { type: "keyword" },
      votes: { type: "integer" },
    },
  },
};

const DOCS = [
  { id: "1", title: "Running through the speedrun", creator: "alpha", votes: 5 },
  { id: "2", title: "Clips of the runner", creator: "alpha", votes: 50 },
  { id: "3", title: "Funny cat moments", creator: "beta", votes: 1 },
  { id: "4", title: "Speedy boss fight", creator: "gamma", votes: 9 },
];

const ids = (res: { body: { hits: { hits: { _id: string }[] } } }) => res.body.hits.hits.map((hit) => hit._id).sort();

test("TEST_OPENSEARCH_URL is unset or a valid http(s) URL", () => {
  expect(() => openSearchTestUrl()).not.toThrow();
  expect(openSearchTestUrl({})).toBeUndefined();
  expect(openSearchTestUrl({ TEST_OPENSEARCH_URL: " " })).toBeUndefined();
  expect(openSearchTestUrl({ TEST_OPENSEARCH_URL: "http://127.0.0.1:59200/" })).toBe("http://127.0.0.1:59200");
  expect(() => openSearchTestUrl({ TEST_OPENSEARCH_URL: "127.0.0.1:59200" })).toThrow();
});

describe.skipIf(!url)("real OpenSearch node (TEST_OPENSEARCH_URL)", () => {
  const source = uniqueIndexName("node-test-a");
  const target = uniqueIndexName("node-test-b");
  const alias = uniqueIndexName("node-test-live");

  beforeAll(async () => {
    expect((await os("PUT", `/${source}`, INDEX_SETTINGS)).status).toBe(200);
    const bulk = await os(
      "POST",
      `/${source}/_bulk?refresh=true`,
      DOCS.flatMap(({ id, ...doc }) => [{ index: { _id: id } }, doc]),
    );
    expect(bulk.status).toBe(200);
    expect(bulk.body.errors).toBe(false);
  });
  afterAll(async () => {
    await os("DELETE", `/${source},${target}?ignore_unavailable=true`);
  });

  test("is OpenSearch 2.19 with the module plugins loaded", async () => {
    const root = await os("GET", "/");
    expect(root.body.version.distribution).toBe("opensearch");
    expect(root.body.version.number).toStartWith("2.19.");
    const plugins = await os("GET", "/_nodes/plugins?filter_path=nodes.*.plugins.name");
    const nodes: { plugins: { name: string }[] }[] = Object.values(plugins.body.nodes);
    const names = nodes.flatMap((node) => node.plugins.map((plugin) => plugin.name));
    for (const module of ["CommonAnalysisPlugin", "MapperExtrasPlugin", "ReindexPlugin", "PainlessPlugin"]) {
      expect(names.some((name) => name.endsWith(`.${module}`))).toBe(true);
    }
  });

  test("english analyzer stems and edge_ngram emits prefixes", async () => {
    const english = await os("POST", "/_analyze", { analyzer: "english", text: "Running clips" });
    expect(english.body.tokens.map((t: { token: string }) => t.token)).toEqual(["run", "clip"]);
    const grams = await os("POST", `/${source}/_analyze`, { analyzer: "autocomplete", text: "Speed" });
    expect(grams.body.tokens.map((t: { token: string }) => t.token)).toEqual(["sp", "spe", "spee", "speed"]);
  });

  test("multi_match finds stemmed words and prefixes", async () => {
    const search = (query: string) =>
      os("POST", `/${source}/_search`, { query: { multi_match: { query, fields: ["title^2", "title.prefix"] } } });
    expect(ids(await search("runs"))).toEqual(["1"]);
    expect(ids(await search("clip"))).toEqual(["2"]);
    expect(ids(await search("spee"))).toEqual(["1", "4"]);
  });

  test("painless script_score ranks by a field", async () => {
    const res = await os("POST", `/${source}/_search`, {
      query: { script_score: { query: { term: { creator: "alpha" } }, script: { source: "doc['votes'].value" } } },
    });
    expect(res.status).toBe(200);
    expect(res.body.hits.hits.map((hit: { _id: string }) => hit._id)).toEqual(["2", "1"]);
  });

  test("_reindex into a new index, then an atomic _aliases swap", async () => {
    expect((await os("PUT", `/${target}`, INDEX_SETTINGS)).status).toBe(200);
    expect((await os("POST", "/_aliases", { actions: [{ add: { index: source, alias } }] })).status).toBe(200);
    const reindex = await os("POST", "/_reindex?refresh=true", { source: { index: source }, dest: { index: target } });
    expect(reindex.status).toBe(200);
    expect(reindex.body.created).toBe(DOCS.length);

    const swap = await os("POST", "/_aliases", {
      actions: [{ remove: { index: source, alias } }, { add: { index: target, alias } }],
    });
    expect(swap.body.acknowledged).toBe(true);
    expect(Object.keys((await os("GET", `/_alias/${alias}`)).body)).toEqual([target]);
    expect((await os("GET", `/${alias}/_count`)).body.count).toBe(DOCS.length);
  });

  test("_delete_by_query removes only the matching documents", async () => {
    const res = await os("POST", `/${source}/_delete_by_query?refresh=true`, { query: { term: { creator: "alpha" } } });
    expect(res.status).toBe(200);
    expect(res.body.deleted).toBe(2);
    expect(ids(await os("POST", `/${source}/_search`, { query: { match_all: {} } }))).toEqual(["3", "4"]);
  });
});

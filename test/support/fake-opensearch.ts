import type { OsClient, OsRequest, OsResponse } from "../../src/platform/search/opensearch-client";

type Doc = Record<string, unknown>;

/**
 * An in-memory stand-in for the few requests the search-index jobs send (get a document, bulk, search by tag), which
 * records every request so a test can count what a job cost. Not a search engine: use a real node for queries.
 */
export function createFakeOsClient(indexPrefix = "fake_") {
  const indices = new Map<string, Map<string, Doc>>();
  const requests: OsRequest[] = [];
  const index = (name: string) => indices.get(name) ?? indices.set(name, new Map()).get(name)!;

  function answer(req: OsRequest): unknown {
    const doc = req.path.match(/^\/([^/]+)\/_doc\/([^/]+)$/);
    if (req.method === "GET" && doc) {
      const source = index(doc[1]!).get(decodeURIComponent(doc[2]!));
      if (!source) return { found: false };
      const fields = String(req.querystring?._source_includes ?? "")
        .split(",")
        .filter(Boolean);
      const picked = fields.length ? Object.fromEntries(fields.map((f) => [f, source[f]])) : source;
      return { found: true, _source: picked };
    }
    if (req.path === "/_bulk") {
      const lines = (req.bulk ?? []) as Doc[];
      for (let i = 0; i < lines.length; i++) {
        const action = lines[i] as {
          index?: { _index: string; _id: string };
          delete?: { _index: string; _id: string };
        };
        if (action.index) index(action.index._index).set(action.index._id, lines[++i]!);
        if (action.delete) index(action.delete._index).delete(action.delete._id);
      }
      return { errors: false, items: [] };
    }
    const search = req.path.match(/^\/([^/]+)\/_search$/);
    if (search) {
      const slug = (req.body as { query?: { term?: { tags?: string } } }).query?.term?.tags;
      const hits = [...index(search[1]!).entries()].filter(([, d]) =>
        (d.tags as string[] | undefined)?.includes(slug!),
      );
      return { hits: { hits: hits.map(([id]) => ({ _id: id })) } };
    }
    throw new Error(`fake OpenSearch: unsupported request ${req.method} ${req.path}`);
  }

  const client: OsClient = {
    config: { indexPrefix } as OsClient["config"],
    request: async <T>(req: OsRequest): Promise<OsResponse<T>> => {
      requests.push(req);
      return { statusCode: 200, body: answer(req) as T };
    },
    close: async () => {},
  };
  /** The indices a request wrote to (bulk) or read from. */
  const touched = (req: OsRequest): string[] => {
    if (req.path !== "/_bulk") return [req.path.split("/")[1]!];
    return ((req.bulk ?? []) as Doc[]).flatMap((line) => {
      const action = (line.index ?? line.delete) as { _index?: string } | undefined;
      return action?._index ? [action._index] : [];
    });
  };
  return { client, requests, indices, touched };
}

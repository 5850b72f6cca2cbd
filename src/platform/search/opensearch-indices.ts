import type { OsClient } from "./opensearch-client";
import { seg } from "./opensearch-client";

export const INDEX_KINDS = ["clips", "creators", "games", "tags"] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];

/**
 * Bump on any change to the analysis or the mappings below. An index keeps the mapping it was created with, so
 * `ensureIndices` reports the ones built by an older version; `bun run search-reindex` rebuilds them behind the alias.
 * Indices made before versioning carry no number and count as 1.
 */
export const MAPPING_VERSION = 2;

/**
 * `folded` is the base: accents folded, full-width forms normalised, and Chinese/Japanese/Korean runs cut into
 * overlapping bigrams (the standard tokenizer emits one token per ideograph, so 撃破 would otherwise never match as a
 * word). `handles` also indexes the parts of a handle (`QuotaQueen` → quota, queen; `xX_Sniper99` → sniper, 99)
 * next to the whole one; queries are read with the non-splitting analyzer, so either spelling matches.
 */
const base = ["cjk_width", "lowercase", "asciifolding", "cjk_bigram"];
const stems = ["english_stop", "english_stemmer"];
const analysis = {
  filter: {
    autocomplete_ngram: { type: "edge_ngram", min_gram: 2, max_gram: 20 },
    handle_parts: { type: "word_delimiter_graph", preserve_original: true },
    english_stop: { type: "stop", stopwords: "_english_" },
    english_stemmer: { type: "stemmer", language: "english" },
    joined_words: { type: "shingle", max_shingle_size: 3, token_separator: "", output_unigrams: false },
  },
  analyzer: {
    folded: { type: "custom", tokenizer: "standard", filter: base },
    stemmed: { type: "custom", tokenizer: "standard", filter: [...base, ...stems] },
    handles: { type: "custom", tokenizer: "standard", filter: ["handle_parts", ...base] },
    handles_stemmed: { type: "custom", tokenizer: "standard", filter: ["handle_parts", ...base, ...stems] },
    // Query side only: "arcane archie" as arcanearchie, for a handle written in one lower-case run.
    joined: { type: "custom", tokenizer: "standard", filter: ["lowercase", "asciifolding", "joined_words"] },
    autocomplete: {
      type: "custom",
      tokenizer: "standard",
      filter: ["lowercase", "asciifolding", "autocomplete_ngram"],
    },
  },
  normalizer: { lowercase: { type: "custom", filter: ["lowercase", "asciifolding"] } },
};

/** A searchable name: folded text, english stems, as-you-type prefixes and the exact value for aggregations. */
const name = (copyTo?: string) => ({
  type: "text",
  analyzer: "folded",
  ...(copyTo ? { copy_to: copyTo } : {}),
  fields: {
    english: { type: "text", analyzer: "stemmed" },
    autocomplete: { type: "text", analyzer: "autocomplete", search_analyzer: "folded" },
    keyword: { type: "keyword", ignore_above: 256 },
  },
});
/** A channel or user handle: its parts are words too. */
const handle = (copyTo?: string) => ({
  type: "text",
  analyzer: "handles",
  search_analyzer: "folded",
  ...(copyTo ? { copy_to: copyTo } : {}),
  fields: {
    autocomplete: { type: "text", analyzer: "autocomplete", search_analyzer: "folded" },
    keyword: { type: "keyword", ignore_above: 256 },
  },
});
/**
 * A clip's title is also indexed under its language's analyzer (stop words and stems of that language) when the
 * clip's language has one; Chinese, Japanese and Korean are covered by the bigrams of `folded`.
 */
export const TITLE_LANGUAGES = { de: "german", es: "spanish", fr: "french", pt: "portuguese" } as const;
const titleByLanguage = Object.fromEntries(
  Object.entries(TITLE_LANGUAGES).map(([lang, analyzer]) => [`title_${lang}`, { type: "text", analyzer }]),
);

const keyword = { type: "keyword" };
const lowerKeyword = { type: "keyword", normalizer: "lowercase" };

const mappings: Record<IndexKind, Record<string, unknown>> = {
  clips: {
    dynamic: "strict",
    properties: {
      id: keyword,
      title: name("search_text"),
      ...titleByLanguage,
      broadcaster_name: handle("search_text"),
      creator_name: handle("search_text"),
      game_name: name("search_text"),
      // Every searchable word of the clip in one field, so "valorant ace" can match game and title together.
      // Handles are split here too, so "quota queen clutch" finds QuotaQueen's clutch clips.
      search_text: {
        type: "text",
        analyzer: "handles",
        search_analyzer: "folded",
        fields: { english: { type: "text", analyzer: "handles_stemmed", search_analyzer: "stemmed" } },
      },
      game_id: keyword,
      broadcaster_id: keyword,
      creator_id: keyword,
      // The slug stays whole for filters and facets; as text, `speed-run` is the words speed and run.
      tags: { type: "keyword", copy_to: "search_text", fields: { text: { type: "text", analyzer: "stemmed" } } },
      // "slug\tname" pairs: the tag facet needs the display name next to the slug.
      tag_labels: { type: "keyword", index: false },
      language: lowerKeyword,
      created_at: { type: "date" },
      submitted_at: { type: "date" },
      vote_score: { type: "integer" },
      view_count: { type: "long" },
      comment_count: { type: "integer" },
      favorite_count: { type: "integer" },
      is_nsfw: { type: "boolean" },
    },
  },
  creators: {
    dynamic: "strict",
    properties: {
      id: keyword,
      username: handle(),
      display_name: name(),
      bio: { type: "text", analyzer: "english" },
      karma_points: { type: "integer" },
    },
  },
  games: {
    dynamic: "strict",
    properties: { id: keyword, name: name(), clip_count: { type: "integer" } },
  },
  tags: {
    dynamic: "strict",
    properties: {
      id: keyword,
      name: name(),
      slug: { type: "keyword", fields: { text: { type: "text", analyzer: "folded" } } },
      description: { type: "text", analyzer: "english" },
      usage_count: { type: "integer" },
    },
  },
};

export function aliasFor(client: OsClient, kind: IndexKind): string {
  return `${client.config.indexPrefix}${kind}`;
}

function indexBody(client: OsClient, kind: IndexKind) {
  const { shards, replicas } = client.config;
  // The API pages up to offset 10,000 (schemas.ts MAX_OFFSET) plus one page of at most 100.
  const settings = { number_of_shards: shards, number_of_replicas: replicas, max_result_window: 10_100, analysis };
  return { settings, mappings: { _meta: { mapping_version: MAPPING_VERSION }, ...mappings[kind] } };
}

/** The concrete index the alias points at, or undefined when the alias does not exist yet. */
export async function currentIndex(client: OsClient, kind: IndexKind): Promise<string | undefined> {
  const res = await client.request<Record<string, unknown>>({
    method: "GET",
    path: `/_alias/${seg(aliasFor(client, kind))}`,
    ignore: [404],
  });
  return res.statusCode === 404 ? undefined : Object.keys(res.body)[0];
}

function versionOf(index: string | undefined): number {
  return Number(index?.match(/_v(\d+)$/)?.[1] ?? 0);
}

/** Creates `<alias>_v<next>` from the mapping in code, optionally already behind the alias. */
export async function createNextIndex(client: OsClient, kind: IndexKind, withAlias: boolean): Promise<string> {
  const alias = aliasFor(client, kind);
  const index = `${alias}_v${versionOf(await currentIndex(client, kind)) + 1}`;
  const body = { ...indexBody(client, kind), ...(withAlias ? { aliases: { [alias]: {} } } : {}) };
  await client.request({ method: "PUT", path: `/${seg(index)}`, body, timeoutMs: 30_000 });
  return index;
}

async function mappingVersion(client: OsClient, index: string): Promise<number> {
  const res = await client.request<Record<string, { mappings?: { _meta?: { mapping_version?: number } } }>>({
    method: "GET",
    path: `/${seg(index)}/_mapping`,
  });
  return res.body[index]?.mappings?._meta?.mapping_version ?? 1;
}

/**
 * Creates whichever of the four indices is missing (worker start, backfill). Safe to run concurrently. Returns the
 * kinds whose index was built from an older mapping version (they need `search-reindex`).
 */
export async function ensureIndices(client: OsClient): Promise<IndexKind[]> {
  const outdated: IndexKind[] = [];
  for (const kind of INDEX_KINDS) {
    const index = await currentIndex(client, kind);
    if (index) {
      if ((await mappingVersion(client, index)) < MAPPING_VERSION) outdated.push(kind);
      continue;
    }
    try {
      await createNextIndex(client, kind, true);
    } catch (err) {
      // Another process created it between our check and our PUT.
      if ((err as { body?: { error?: { type?: string } } }).body?.error?.type !== "resource_already_exists_exception") {
        throw err;
      }
    }
  }
  return outdated;
}

/** Points the alias at `next` in one atomic call (searches never see a missing index), then drops the old index. */
export async function swapAlias(client: OsClient, kind: IndexKind, next: string): Promise<string | undefined> {
  const alias = aliasFor(client, kind);
  const previous = await currentIndex(client, kind);
  const actions = [...(previous ? [{ remove: { index: previous, alias } }] : []), { add: { index: next, alias } }];
  await client.request({ method: "POST", path: "/_aliases", body: { actions }, timeoutMs: 30_000 });
  if (previous && previous !== next) {
    await client.request({ method: "DELETE", path: `/${seg(previous)}`, timeoutMs: 30_000 });
  }
  return previous;
}

/** Makes recent writes searchable now (tests and scripts; the pipeline relies on the refresh interval). */
export async function refreshIndices(client: OsClient): Promise<void> {
  const names = INDEX_KINDS.map((k) => aliasFor(client, k)).join(",");
  await client.request({ method: "POST", path: `/${names}/_refresh`, ignore: [404] });
}

/** Drops every index behind this prefix (test teardown). */
export async function deleteIndices(client: OsClient): Promise<void> {
  for (const kind of INDEX_KINDS) {
    const index = await currentIndex(client, kind);
    if (index) await client.request({ method: "DELETE", path: `/${seg(index)}`, ignore: [404] });
  }
}

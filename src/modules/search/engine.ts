/**
 * The search port. Engines return ranked ids (plus aggregates); the caller hydrates rows from Postgres, so an engine
 * fed by a lagging index can never leak a removed clip's fields or a user's private columns.
 * The vector leg is part of the port: every engine answers it from pgvector (OpenSearch holds no vectors), and
 * hybrid.ts fuses its hits with the lexical ones, keeping un-embedded clips (anchor §10.1).
 */
export type SearchSort = "relevance" | "recent" | "popular";

export interface ClipFilters {
  gameId?: string;
  creatorId?: string;
  broadcasterId?: string;
  language?: string;
  minVotes?: number;
  /** Inclusive bounds on the Twitch creation time. */
  dateFrom?: Date;
  dateTo?: Date;
  /** Tag slugs; a clip must carry every one. */
  tags?: string[];
}

export interface PageRequest {
  offset: number;
  limit: number;
}

export interface ClipSearchParams {
  q: string;
  filters: ClipFilters;
  sort: SearchSort;
  page: PageRequest;
  facets: boolean;
}

export interface VectorSearchParams {
  vector: number[];
  /** Only clip vectors from this `clipVectorModel` are comparable with the query's. */
  model: string;
  filters: ClipFilters;
  limit: number;
  /** Cosine similarity (1 − cosine distance) below which a neighbour is not a match. */
  minSimilarity: number;
}

export interface EntitySearchParams {
  q: string;
  page: PageRequest;
}

export interface ScoredId {
  id: string;
  score: number;
}

export interface FacetBucket {
  key: string;
  label?: string;
  count: number;
}

export interface DateRangeFacet {
  last_hour: number;
  last_day: number;
  last_week: number;
  last_month: number;
  older: number;
}

export interface ClipFacets {
  languages: FacetBucket[];
  games: FacetBucket[];
  tags: FacetBucket[];
  date_range: DateRangeFacet;
}

export interface ClipSearchResult {
  hits: ScoredId[];
  total: number;
  facets?: ClipFacets;
}

export interface IdSearchResult {
  hits: ScoredId[];
  total: number;
}

/** Games are aggregates over clips, so the engine returns them whole. `id` is the Twitch game id. */
export interface GameHit {
  id: string;
  name: string;
  clip_count: number;
}

export interface GameSearchResult {
  hits: GameHit[];
  total: number;
}

export const SUGGESTION_TYPES = ["query", "game", "creator", "tag"] as const;
export interface Suggestion {
  text: string;
  type: (typeof SUGGESTION_TYPES)[number];
}

export interface SearchEngine {
  readonly kind: "postgres" | "opensearch";
  /** Only feedable clips: submitted, not removed, not hidden. */
  searchClips(params: ClipSearchParams): Promise<ClipSearchResult>;
  /** Feedable clips nearest to a query vector, best first, above the similarity floor. */
  searchClipsByVector(params: VectorSearchParams): Promise<ScoredId[]>;
  /** Non-banned users. */
  searchCreators(params: EntitySearchParams): Promise<IdSearchResult>;
  searchGames(params: EntitySearchParams): Promise<GameSearchResult>;
  searchTags(params: EntitySearchParams): Promise<IdSearchResult>;
  suggest(q: string, limit: number): Promise<Suggestion[]>;
}

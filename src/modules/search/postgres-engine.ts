import type { Db } from "../../db/client";
import type { SearchEngine } from "./engine";
import { searchClipsPg } from "./pg-clips";
import { searchCreatorsPg, searchGamesPg, searchTagsPg } from "./pg-entities";
import { suggestPg } from "./pg-suggest";
import { searchClipsByVector } from "./pg-vector";

/**
 * The embedded default: Postgres full-text search (generated tsvector, GIN) plus pg_trgm for prefixes and typos,
 * and pgvector KNN for the vector leg.
 */
export function createPostgresSearchEngine(db: Db): SearchEngine {
  return {
    kind: "postgres",
    searchClips: (params) => searchClipsPg(db, params),
    searchClipsByVector: (params) => searchClipsByVector(db, params),
    searchCreators: (params) => searchCreatorsPg(db, params),
    searchGames: (params) => searchGamesPg(db, params),
    searchTags: (params) => searchTagsPg(db, params),
    suggest: (q, limit) => suggestPg(db, q, limit),
  };
}

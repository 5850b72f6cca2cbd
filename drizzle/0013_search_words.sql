-- The words of the feedable clips' search text with the number of clips holding each (issue 17): misspelt query
-- words are corrected against it through its trigram index (src/modules/search/pg-words.ts) instead of trigram
-- scans over every clip. Refreshed by the search-words job; starts empty, when the scan stands in for it.
CREATE MATERIALIZED VIEW search_words AS
  SELECT word, ndoc FROM ts_stat($$SELECT to_tsvector('simple', search_text) FROM public.clips
    WHERE NOT is_removed AND NOT is_hidden AND submitted_by_user_id IS NOT NULL$$)
  WHERE length(word) >= 4;--> statement-breakpoint
CREATE UNIQUE INDEX search_words_word_idx ON search_words (word);--> statement-breakpoint
CREATE INDEX search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops);

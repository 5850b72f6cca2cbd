-- The mean vector of each tag's feedable clips, per embedding model (issue 17): a query's nearest one is the topic it
-- is about, whose clips are found by that mean even when no word and no single clip's vector is near the query
-- (src/modules/search/pg-topics.ts). Refreshed by the search-words job; tags on fewer than 5 clips make no topic.
CREATE MATERIALIZED VIEW search_topics AS
  SELECT ct.tag_id, c.embedding_model AS model, avg(c.embedding) AS embedding, count(*)::int AS clips
  FROM clip_tags ct JOIN clips c ON c.id = ct.clip_id
  WHERE NOT c.is_removed AND NOT c.is_hidden AND c.submitted_by_user_id IS NOT NULL AND c.embedding IS NOT NULL
  GROUP BY ct.tag_id, c.embedding_model
  HAVING count(*) >= 5;--> statement-breakpoint
CREATE UNIQUE INDEX search_topics_tag_model_idx ON search_topics (tag_id, model);

-- Keyword search document (issue 17): unaccented `simple` words next to english stems, handles split into words,
-- tags in the document (search_tags, kept by triggers), and a trigram-indexed text for typos.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
-- unaccent() is only STABLE (it reads a dictionary by name); a generated column needs an IMMUTABLE wrapper.
CREATE OR REPLACE FUNCTION clipper_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;--> statement-breakpoint
-- "QuotaQueen" -> "QuotaQueen Quota Queen", "xX_Sniper99" -> "xX_Sniper99 x X Sniper 99": the handle as written,
-- then split at case changes, letter/digit boundaries and separators.
CREATE OR REPLACE FUNCTION clipper_name_words(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT $1 || ' ' || regexp_replace(regexp_replace(regexp_replace(regexp_replace($1,
    '([[:lower:]])([[:upper:]])', '\1 \2', 'g'),
    '([[:alpha:]])([[:digit:]])', '\1 \2', 'g'),
    '([[:digit:]])([[:alpha:]])', '\1 \2', 'g'),
    '[_.-]+', ' ', 'g') $$;--> statement-breakpoint
-- CJK titles have no spaces: each run of Han, kana or Hangul also as overlapping bigrams ("神コンボ" -> "神コ コン
-- ンボ"), the text between runs apart from them, so "Koraidonが床" yields "koraidon" too. Queries are cut the same way.
CREATE OR REPLACE FUNCTION clipper_cjk_words(t text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
  run text;
  words text := regexp_replace(t, '[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+', ' ', 'g');
BEGIN
  FOR run IN SELECT m[1] FROM regexp_matches(t, '([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+)', 'g') AS m LOOP
    IF length(run) = 1 THEN
      words := words || ' ' || run;
    ELSE
      FOR i IN 1..length(run) - 1 LOOP
        words := words || ' ' || substr(run, i, 2);
      END LOOP;
    END IF;
  END LOOP;
  RETURN words;
END $$;--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "search_tags" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION clipper_clip_tag_words(clip uuid) RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT coalesce(string_agg(replace(t.slug, '-', ' ') || ' ' || t.name, ' ' ORDER BY t.slug), '')
    FROM clip_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.clip_id = clip $$;--> statement-breakpoint
UPDATE clips c SET search_tags = clipper_clip_tag_words(c.id) WHERE EXISTS (SELECT 1 FROM clip_tags ct WHERE ct.clip_id = c.id);--> statement-breakpoint
CREATE OR REPLACE FUNCTION clipper_clip_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE clips SET search_tags = clipper_clip_tag_words(OLD.clip_id) WHERE id = OLD.clip_id;
  ELSE
    UPDATE clips SET search_tags = clipper_clip_tag_words(NEW.clip_id) WHERE id = NEW.clip_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER clip_tags_search_words AFTER INSERT OR DELETE ON clip_tags
  FOR EACH ROW EXECUTE FUNCTION clipper_clip_tags_changed();--> statement-breakpoint
CREATE OR REPLACE FUNCTION clipper_tag_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE clips c SET search_tags = clipper_clip_tag_words(c.id)
    WHERE c.id IN (SELECT ct.clip_id FROM clip_tags ct WHERE ct.tag_id = NEW.id);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tags_search_words AFTER UPDATE OF slug, name ON tags
  FOR EACH ROW WHEN (OLD.slug IS DISTINCT FROM NEW.slug OR OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION clipper_tag_renamed();--> statement-breakpoint
ALTER TABLE "clips" DROP COLUMN "search_vector";--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title) || to_tsvector('simple', clipper_unaccent(clipper_cjk_words(title))), 'A') || setweight(to_tsvector('simple', clipper_unaccent(clipper_name_words(broadcaster_name))), 'B') || setweight(to_tsvector('english', coalesce(game_name, '') || ' ' || search_tags) || to_tsvector('simple', clipper_unaccent(coalesce(game_name, '') || ' ' || search_tags)), 'C') || setweight(to_tsvector('simple', clipper_unaccent(clipper_name_words(creator_name))), 'D')) STORED;--> statement-breakpoint
CREATE INDEX "clips_search_vector_idx" ON "clips" USING gin ("search_vector");--> statement-breakpoint
ALTER TABLE "clips" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(clipper_unaccent(title || ' ' || clipper_name_words(broadcaster_name) || ' ' || coalesce(game_name, '') || ' ' || search_tags))) STORED;--> statement-breakpoint
CREATE INDEX "clips_search_text_trgm_idx" ON "clips" USING gin ("search_text" gin_trgm_ops);

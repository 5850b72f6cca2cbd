-- Trending = engagement / max(age in hours, 1). Kept in clips.trending_score by a trigger on every engagement change
-- (so a new or just-voted clip ranks at once) plus a periodic decay refresh (src/modules/clips/trending-refresh.ts).
CREATE OR REPLACE FUNCTION clip_trending_score(
  views bigint, votes integer, comments integer, favorites integer, created timestamptz, at timestamptz
) RETURNS double precision AS $$
  SELECT ((views + 2 * votes + 3 * comments + 2 * favorites)::double precision)
    / greatest(extract(epoch FROM (at - created))::double precision / 3600.0, 1.0)
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION clips_trending_score() RETURNS trigger AS $$
BEGIN
  NEW.trending_score := clip_trending_score(
    NEW.view_count, NEW.vote_score, NEW.comment_count, NEW.favorite_count, NEW.created_at, now());
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER clips_trending_score
  BEFORE INSERT OR UPDATE OF view_count, vote_score, comment_count, favorite_count, created_at ON clips
  FOR EACH ROW EXECUTE FUNCTION clips_trending_score();
--> statement-breakpoint
UPDATE clips SET trending_score = clip_trending_score(view_count, vote_score, comment_count, favorite_count, created_at, now());
--> statement-breakpoint
CREATE INDEX clips_popular_idx ON clips ((view_count + 2 * vote_score + 3 * comment_count + 2 * favorite_count) DESC NULLS LAST, id DESC NULLS LAST)
  WHERE not is_removed and not is_hidden and submitted_by_user_id is not null;
--> statement-breakpoint
CREATE INDEX clips_creator_name_idx ON clips (lower(creator_name), created_at DESC NULLS LAST);

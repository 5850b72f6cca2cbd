CREATE OR REPLACE FUNCTION clips_hot_score() RETURNS trigger AS $$
BEGIN
  NEW.hot_score := sign(NEW.vote_score) * log(greatest(abs(NEW.vote_score), 1)) + extract(epoch FROM NEW.created_at) / 45000.0;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER clips_hot_score BEFORE INSERT OR UPDATE OF vote_score, created_at ON clips
  FOR EACH ROW EXECUTE FUNCTION clips_hot_score();
